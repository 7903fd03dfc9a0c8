/**
 * A real DNS server on loopback for tests that resolve names (dns2, UDP and TCP on one random port).
 * Point `Resolver#setServers(server.servers)` at it. Every answer has TTL 0 so no resolver caches it, and
 * a name the test has not set answers NXDOMAIN, as the internet would.
 * @remarks TCP listens on the same port as UDP because a resolver retries a truncated UDP answer over TCP
 * on the same address: serving both lets a test use records too large for one UDP packet.
 */
import type { Socket } from 'node:net';
import { createTCPServer, createUDPServer, Packet, type DnsHandler } from 'dns2';

/** How the server treats a name instead of answering it: `timeout` never answers at all. */
export type DnsBehaviour = 'servfail' | 'refused' | 'timeout' | 'nxdomain';

export interface TestDnsServer {
  /** The address to hand to `setServers`, e.g. `['127.0.0.1:53535']`. */
  readonly servers: string[];
  /** Every name asked, lower-cased, in arrival order (a question retried over TCP appears twice). */
  readonly queries: string[];
  /** Serves these TXT records at `name`, each record as its character-strings; `[]` is an empty TXT set. */
  setTxt(name: string, records: string[][]): void;
  /** Serves A records at `name`, so it exists with a record type other than TXT. */
  setA(name: string, addresses: string[]): void;
  /** Makes every question for `name` fail this way, whatever records it has. */
  setBehaviour(name: string, behaviour: DnsBehaviour): void;
  /** Forgets every name, behaviour and recorded query. */
  clear(): void;
  /** Stops both listeners and drops open TCP connections. */
  close(): Promise<void>;
}

interface Zone {
  txt?: string[][];
  a?: string[];
  behaviour?: DnsBehaviour;
}

// Response codes (RFC 1035 section 4.1.1); dns2's typings leave out its RCODE table.
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const FAILURE_RCODE = { servfail: RCODE.SERVFAIL, refused: RCODE.REFUSED, nxdomain: RCODE.NXDOMAIN } as const;

const HOST = '127.0.0.1';
/** Attempts at finding a port that is free for both UDP and TCP. */
const PORT_ATTEMPTS = 10;

/** Starts the server on a random free loopback port; close it in afterAll/afterEach. */
export async function startDnsServer(): Promise<TestDnsServer> {
  const zones = new Map<string, Zone>();
  const queries: string[] = [];
  let closing = false;

  const handle: DnsHandler = (request, send) => {
    const question = request.questions[0];
    const response = Packet.createResponseFromRequest(request);
    if (!question) {
      response.header.rcode = RCODE.NXDOMAIN;
      reply(send, response);
      return;
    }
    const name = normalize(question.name);
    queries.push(name);
    const zone = zones.get(name);
    if (zone?.behaviour === 'timeout') return;
    if (zone?.behaviour) {
      response.header.rcode = FAILURE_RCODE[zone.behaviour];
    } else if (!zone) {
      response.header.rcode = RCODE.NXDOMAIN;
    } else if (question.type === Packet.TYPE.TXT) {
      for (const chunks of zone.txt ?? []) {
        response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 0, data: chunks }));
      }
    } else if (question.type === Packet.TYPE.A) {
      for (const address of zone.a ?? []) {
        response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 0, address }));
      }
    }
    reply(send, response);
  };

  /** The UDP sender returns a promise and the TCP one nothing; a send can only fail once we are closing. */
  function reply(send: Parameters<DnsHandler>[1], response: Packet): void {
    Promise.resolve(send(response)).catch((error: unknown) => {
      if (!closing) console.error('test DNS server: could not send a reply', error);
    });
  }

  const { udp, tcp, port } = await listenOnFreePort(handle);
  const connections = new Set<Socket>();
  tcp.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });

  function zoneOf(name: string): Zone {
    const key = normalize(name);
    let zone = zones.get(key);
    if (!zone) {
      zone = {};
      zones.set(key, zone);
    }
    return zone;
  }

  return {
    servers: [`${HOST}:${port}`],
    queries,
    setTxt(name, records) {
      zoneOf(name).txt = records.map((chunks) => [...chunks]);
    },
    setA(name, addresses) {
      zoneOf(name).a = [...addresses];
    },
    setBehaviour(name, behaviour) {
      zoneOf(name).behaviour = behaviour;
    },
    clear() {
      zones.clear();
      queries.length = 0;
    },
    async close() {
      closing = true;
      const udpClosed = new Promise<void>((resolve) => udp.close(() => resolve()));
      const tcpClosed = new Promise<void>((resolve, reject) => tcp.close((error) => (error ? reject(error) : resolve())));
      for (const socket of connections) socket.destroy();
      await Promise.all([udpClosed, tcpClosed]);
    },
  };
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Binds UDP to a random port, then TCP to the same one; if another process holds that port for TCP,
 * both are released and another port is tried.
 */
async function listenOnFreePort(handle: DnsHandler) {
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const udp = createUDPServer({ type: 'udp4' });
    udp.on('request', handle);
    await udp.listen(0, HOST);
    const port = udp.address().port;
    const tcp = createTCPServer();
    tcp.on('request', handle);
    const listening = await new Promise<boolean>((resolve, reject) => {
      tcp.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
      tcp.listen(port, HOST, () => resolve(true));
    });
    if (listening) return { udp, tcp, port };
    await new Promise<void>((resolve) => udp.close(() => resolve()));
  }
  throw new Error(`startDnsServer(): found no port free for both UDP and TCP in ${PORT_ATTEMPTS} attempts`);
}
