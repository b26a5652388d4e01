import { ownMailDomains } from '../core/email';
import type { Clock, Logger } from '../core/ports';
import type { InstitutionProfile } from '../core/profile';
import type { SecretStore } from '../secrets/secret-store';
import { DEMO_DEVICE, loadDataset } from '../simulator/dataset';
import { generateDemoPopulation } from '../simulator/demo-population';
import { JOURNEY_CONTROL_ROUTES, adjustableClock } from '../simulator/journey-controls';
import { createSimulator } from '../simulator/server';
import type { KioskConfig } from './config';

/** Demo mode's credential is kept apart from a live one, so switching modes never loses it. */
const DEMO_CREDENTIAL = 'demo-device-credential';

/**
 * Demo (training) mode: the built-in simulator on a free loopback port, with the demo device
 * credential provisioned in the keychain like a real one would be.
 */
export async function startDemoSimulator(
  config: KioskConfig,
  secrets: SecretStore,
  clock: Clock,
  logger: Logger,
  profile?: InstitutionProfile,
): Promise<{ url: string; credentialName: string; close(): Promise<void> }> {
  const dataset = config.demoDataset
    ? loadDataset(config.demoDataset)
    : generateDemoPopulation(clock.now());
  // The simulator plays the profile's university: same policy, delay, domains and ENT.
  const settings = profile && {
    timeZone: profile.timeZone,
    activationDelayMinutes: profile.activationDelayMinutes,
    passwordPolicy: profile.password,
    mailDomains: ownMailDomains(profile),
    entUrl: profile.entUrl,
  };
  // Test controls (mailbox, clock) only when asked for; their clock can be moved forward.
  const controls = config.simulatorControls
    ? { clock: adjustableClock(clock), routes: JOURNEY_CONTROL_ROUTES }
    : { clock };
  const simulator = createSimulator({
    dataset,
    logger,
    ...controls,
    ...(settings && { settings }),
  });
  const { url } = await simulator.listen(0);
  await secrets.set(DEMO_CREDENTIAL, JSON.stringify(DEMO_DEVICE));
  logger.info('kiosk: demo mode on the built-in simulator', { url });
  return { url, credentialName: DEMO_CREDENTIAL, close: () => simulator.close() };
}
