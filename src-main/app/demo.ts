import type { Clock, Logger } from '../core/ports';
import type { SecretStore } from '../secrets/secret-store';
import { DEMO_DEVICE, loadDataset } from '../simulator/dataset';
import { generateDemoPopulation } from '../simulator/demo-population';
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
): Promise<{ url: string; credentialName: string; close(): Promise<void> }> {
  const dataset = config.demoDataset
    ? loadDataset(config.demoDataset)
    : generateDemoPopulation(clock.now());
  const simulator = createSimulator({ dataset, clock, logger });
  const { url } = await simulator.listen(0);
  await secrets.set(DEMO_CREDENTIAL, JSON.stringify(DEMO_DEVICE));
  logger.info('kiosk: demo mode on the built-in simulator', { url });
  return { url, credentialName: DEMO_CREDENTIAL, close: () => simulator.close() };
}
