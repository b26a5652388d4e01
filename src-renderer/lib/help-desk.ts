/**
 * Where a student finds help, as the institution profile says: the desk's place and hours, and
 * the online help. Set once by JourneyView, read by every screen that sends a student to the desk
 * (components/HelpDesk.svelte), so no screen has to pass the profile down.
 */
import { createContext } from 'svelte';
import type { HelpDeskInfo, InstitutionProfile } from '../../src-main/core/profile';

export interface HelpDeskContext {
  /** Null when the profile does not describe the desk: a general sentence shows instead. */
  desk: HelpDeskInfo | null;
  url: string;
}

const [get, set] = createContext<HelpDeskContext>();

/** Called by JourneyView for every screen below it. */
export function provideHelpDesk(profile: Pick<InstitutionProfile, 'helpDesk' | 'helpUrl'>): void {
  set({ desk: profile.helpDesk ?? null, url: profile.helpUrl });
}

/** The help desk, for a component under JourneyView. */
export const helpDesk = get;
