import type { ServerContext } from './context.js';
import { dashboardGroup } from './dashboard/routes.js';
import type { RouteGroup } from './route-group.js';
import { focusSessions } from './routes/focus.js';
import { practiceSessions } from './routes/practice.js';
import { taskTimer } from './routes/task-timer.js';
import { timer4Tasker } from './routes/tasks.js';
import { stintGroup } from './stint-routes.js';

/** Every route group `stint serve` mounts, in order: the five documents' APIs and stint's own. */
export function routeGroups(ctx: ServerContext): RouteGroup[] {
  return [taskTimer(ctx), focusSessions(ctx), practiceSessions(ctx), timer4Tasker(ctx), stintGroup(ctx), dashboardGroup(ctx)];
}
