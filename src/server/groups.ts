import type { ServerContext } from './context.js';
import { dashboardGroup } from './dashboard/routes.js';
import type { RouteGroup } from './route-group.js';
import { stintGroup } from './stint-routes.js';

/** Every route group `stint serve` mounts, in order: the five documents' APIs and stint's own. */
export function routeGroups(ctx: ServerContext): RouteGroup[] {
  return [stintGroup(ctx), dashboardGroup(ctx)];
}
