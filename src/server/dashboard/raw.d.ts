/** A file imported as its text (`./x.css?raw`): esbuild's `raw` plugin (scripts/build.mjs) and Vite both read it so. */
declare module '*?raw' {
  const text: string;
  export default text;
}
