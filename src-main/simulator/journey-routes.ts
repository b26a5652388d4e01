/** Every endpoint of the student journeys, registered by server.ts next to CORE_ROUTES. */
import { ACTIVATION_ROUTES } from './activation-routes';
import { MAIL_ROUTES } from './mail-routes';
import { PASSWORD_ROUTES } from './password-routes';
import type { Route } from './router';

export const JOURNEY_ROUTES: readonly Route[] = [
  ...ACTIVATION_ROUTES,
  ...PASSWORD_ROUTES,
  ...MAIL_ROUTES,
];
