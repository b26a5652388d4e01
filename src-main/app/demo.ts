import { ownMailDomains } from '../core/email';
import type { Clock, Logger } from '../core/ports';
import type { InstitutionProfile } from '../core/profile';
import type { SecretStore } from '../secrets/secret-store';
import { DEMO_DEVICE, loadDataset, type Dataset } from '../simulator/dataset';
import { generateDemoPopulation } from '../simulator/demo-population';
import { JOURNEY_CONTROL_ROUTES, adjustableClock } from '../simulator/journey-controls';
import type { Route } from '../simulator/router';
import { createSimulator } from '../simulator/server';
import type { KioskConfig } from './config';

/** Demo mode's credential is kept apart from a live one, so switching modes never loses it. */
const DEMO_CREDENTIAL = 'demo-device-credential';

/** The built-in simulator of demo mode, as startKiosk uses it. */
export interface DemoSimulator {
  url: string;
  credentialName: string;
  /** The dataset as at start: the file read again, or a population generated for now. */
  loadDataset(): Dataset;
  /** Back to a start on `dataset`: its clock back, no codes, tokens or e-mails kept. */
  reset(dataset: Dataset): void;
  close(): Promise<void>;
}

/**
 * Demo (training) mode: the built-in simulator on a free loopback port, with the demo device
 * credential provisioned in the keychain like a real one would be. `controlRoutes` are served
 * with the test controls only (config.simulatorControls), never otherwise.
 */
export async function startDemoSimulator(
  config: KioskConfig,
  secrets: SecretStore,
  clock: Clock,
  logger: Logger,
  profile?: InstitutionProfile,
  controlRoutes: readonly Route[] = [],
): Promise<DemoSimulator> {
  const demoDataset = () =>
    config.demoDataset ? loadDataset(config.demoDataset) : generateDemoPopulation(clock.now());
  const dataset = demoDataset();
  // The simulator plays the profile's university: same policy, delay, domains and ENT.
  const settings = profile && {
    timeZone: profile.timeZone,
    activationDelayMinutes: profile.activationDelayMinutes,
    passwordPolicy: profile.password,
    mailDomains: ownMailDomains(profile),
    entUrl: profile.entUrl,
  };
  // Test controls (mailbox, clock, and the reset routes given) only when asked for; their clock
  // can be moved forward.
  const adjustable = adjustableClock(clock);
  const controls = config.simulatorControls
    ? { clock: adjustable, routes: [...JOURNEY_CONTROL_ROUTES, ...controlRoutes] }
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
  return {
    url,
    credentialName: DEMO_CREDENTIAL,
    loadDataset: demoDataset,
    reset(fresh) {
      adjustable.reset();
      simulator.reset(fresh);
    },
    close: () => simulator.close(),
  };
}
