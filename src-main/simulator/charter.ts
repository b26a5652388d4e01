/**
 * The IT charter the simulator serves (GET /v1/charter). It is the institution's text, so it
 * lives with the central service, in resources/charter.json; a real service publishes its own.
 */
import charterFile from '../../resources/charter.json';
import { CharterWire } from '../api/wire-journeys';

/** The current charter, checked against the wire schema when the simulator loads. */
export const CURRENT_CHARTER: CharterWire = CharterWire.parse(charterFile);
