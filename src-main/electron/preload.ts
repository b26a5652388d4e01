/**
 * The sandboxed preload: one function per contract channel on `window.guichet`, and nothing
 * else (never ipcRenderer itself). Bundled on its own into dist/main/preload.cjs, because a
 * sandboxed preload can require `electron` but no local file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENTS, eventIpcName, ipcName, type Channel } from '../ipc/channels';
import type { Input, KioskApi, KioskEventSource, Reply } from '../ipc/contract';

function bridge<C extends Channel>(channel: C): (input: Input<C>) => Promise<Reply<C>> {
  const name = ipcName(channel);
  // Only the input crosses: the renderer never sees the IPC event or the channel name.
  return (input) => ipcRenderer.invoke(name, input);
}

// Sound: KioskApi's keys are exactly CHANNELS, and `bridge` types each entry by its channel.
const api = Object.fromEntries(CHANNELS.map((channel) => [channel, bridge(channel)])) as KioskApi;

contextBridge.exposeInMainWorld('guichet', api satisfies KioskApi);

// Main's events (connectivity, outbox): only the payload crosses, never the IPC event.
const events: KioskEventSource = (name, listener) => {
  if (!(EVENTS as readonly string[]).includes(name)) throw new Error('unknown event');
  const channel = eventIpcName(name);
  const forward = (_event: unknown, payload: Parameters<typeof listener>[0]) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => void ipcRenderer.removeListener(channel, forward);
};
contextBridge.exposeInMainWorld('guichetEvents', events);
