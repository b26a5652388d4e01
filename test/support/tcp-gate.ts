import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP forwarder in front of a server, which a test closes and opens again to cut the network
 * without stopping the server: closed, nothing listens on the gate's port (a new connection is
 * refused) and the connections it carried are cut, as when the server's process dies; opened,
 * the same port answers again at once, with no process to start.
 */
export interface TcpGate {
  /** http://127.0.0.1:<the gate's port>, stable across close and open. */
  url: string;
  close(): Promise<void>;
  open(): Promise<void>;
}

export async function startTcpGate(targetPort: number): Promise<TcpGate> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: '127.0.0.1' }, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        sockets.forEach((socket) => socket.destroy());
      }),
    async open() {
      if (!server.listening) await listen(port);
    },
  };
}
