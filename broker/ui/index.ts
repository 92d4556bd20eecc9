/** The UI's face (team issue 16, item 2): its routes and the time-ago text. */
export { timeAgo } from './time-ago.js';
export { uiRoutes } from './ui-routes.js';
