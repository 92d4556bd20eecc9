/** The HAL browser's face (team issue 16, item 2): its routes. */
export { halBrowserRoutes } from './hal-browser-routes.js';
