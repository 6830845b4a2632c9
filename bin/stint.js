#!/usr/bin/env node
import { cli } from '../dist/stint.js';

process.exitCode = await cli(process.argv.slice(2));
