import type { PlainKey } from '../i18n/i18n.svelte';

/** Journeys shown on the home screen that this build does not offer yet. */
export const UPCOMING_JOURNEYS = ['activation', 'password', 'mail'] as const;
export type UpcomingJourney = (typeof UPCOMING_JOURNEYS)[number];

/** The texts of each upcoming journey, typed so that a new journey needs its wording. */
export const UPCOMING_TEXTS: Record<UpcomingJourney, { title: PlainKey; description: PlainKey }> = {
  activation: {
    title: 'journey.activation.title',
    description: 'journey.activation.description',
  },
  password: { title: 'journey.password.title', description: 'journey.password.description' },
  mail: { title: 'journey.mail.title', description: 'journey.mail.description' },
};
