import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Resolver } from 'node:dns/promises';
import { DnsTxtChecker, parseDnsServers } from '../../../services/takeover/dnsTxtCheck.js';
import { startDnsServer, type DnsBehaviour, type TestDnsServer } from '../../helpers/dnsServer.js';

const DOMAIN = 'contoso.com';
const TOKEN = 'MS=ms12345678';
const SPF = 'v=spf1 include:spf.protection.outlook.com -all';
/** Short enough that a silent server costs a test well under a second. */
const FAST = { timeoutMs: 300, tries: 1 } as const;

describe('DnsTxtChecker', () => {
  let server: TestDnsServer;
  let checker: DnsTxtChecker;

  beforeAll(async () => {
    server = await startDnsServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.clear();
    checker = new DnsTxtChecker({ servers: server.servers, ...FAST });
  });

  describe('found', () => {
    it('finds the value as the only TXT record, without looking at the wrong hosts', async () => {
      server.setTxt(DOMAIN, [[TOKEN]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'found' });
      expect(server.queries).toEqual([DOMAIN]);
    });

    it('joins a record that arrives as several strings', async () => {
      server.setTxt(DOMAIN, [['MS=ms1234', '5678']]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'found' });
    });

    it.each([
      ['quotes typed into the value field', '"MS=ms12345678"'],
      ['typographic quotes from a document', '\u201CMS=ms12345678\u201D'],
      ['spaces around the value', '  MS=ms12345678 '],
      ['another case', 'ms=MS12345678'],
      ['all of those at once', ' " ms=MS12345678 " '],
    ])('accepts the value with %s', async (_case, value) => {
      server.setTxt(DOMAIN, [[value]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'found' });
    });

    it.each([' MS= ms1234 5678 ', '"MS=ms 12345678"'])('does not accept the value with a space inside (%s), and says so', async (value) => {
      server.setTxt(DOMAIN, [[value]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toMatchObject({ kind: 'wrongValue', mistakes: ['spaces'] });
    });

    it('finds the value among other TXT records such as SPF', async () => {
      server.setTxt(DOMAIN, [[SPF], ['google-site-verification=abc123'], [TOKEN]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'found' });
    });

    it('takes the domain in any case and with a trailing dot', async () => {
      server.setTxt(DOMAIN, [[TOKEN]]);

      await expect(checker.check(' Contoso.COM. ', TOKEN)).resolves.toEqual({ kind: 'found' });
      expect(server.queries).toEqual([DOMAIN]);
    });

    it('finds the value in an answer too large for UDP, which the resolver fetches again over TCP', async () => {
      const padding = Array.from({ length: 8 }, (_, index) => [`padding-${index}-${'x'.repeat(240)}`]);
      server.setTxt(DOMAIN, [...padding, [TOKEN]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'found' });
      expect(server.queries).toEqual([DOMAIN, DOMAIN]);
    });
  });

  describe('noRecord', () => {
    it('reports a domain that does not exist (NXDOMAIN), after looking at the wrong hosts too', async () => {
      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'noRecord' });
      expect([...server.queries].sort()).toEqual([DOMAIN, `${DOMAIN}.${DOMAIN}`, `www.${DOMAIN}`].sort());
    });

    it('reports a domain that exists with an A record but no TXT', async () => {
      server.setA(DOMAIN, ['192.0.2.10']);
      const resolver = new Resolver(FAST);
      resolver.setServers(server.servers);
      await expect(resolver.resolve4(DOMAIN)).resolves.toEqual(['192.0.2.10']);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'noRecord' });
    });

    it('reports an empty TXT set', async () => {
      server.setTxt(DOMAIN, []);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'noRecord' });
    });

    it('reports NXDOMAIN for a name the server knows but denies', async () => {
      server.setTxt(DOMAIN, [[TOKEN]]);
      server.setBehaviour(DOMAIN, 'nxdomain');

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'noRecord' });
    });

    it('keeps the answer when a wrong host cannot be resolved', async () => {
      server.setBehaviour(`www.${DOMAIN}`, 'servfail');
      server.setBehaviour(`${DOMAIN}.${DOMAIN}`, 'timeout');

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'noRecord' });
    });
  });

  describe('wrongValue', () => {
    it('spots the value pasted without "MS="', async () => {
      server.setTxt(DOMAIN, [['ms12345678']]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({
        kind: 'wrongValue',
        found: ['ms12345678'],
        mistakes: ['missingPrefix'],
      });
    });

    it('calls the instructions\' example (MS=ms12345678) the example, not an older value or a typo', async () => {
      server.setTxt(DOMAIN, [['MS=ms12345678']]);

      await expect(checker.check(DOMAIN, 'MS=ms12345679')).resolves.toEqual({
        kind: 'wrongValue',
        found: ['MS=ms12345678'],
        mistakes: ['exampleValue'],
      });
    });

    it('spots a verification value from another or an older request', async () => {
      server.setTxt(DOMAIN, [['MS=ms87654321']]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({
        kind: 'wrongValue',
        found: ['MS=ms87654321'],
        mistakes: ['otherToken'],
      });
    });

    it.each([
      ['a digit missing', 'MS=ms1234567'],
      ['two digits swapped', 'MS=ms12345687'],
      ['a digit extra', 'MS=ms123456789'],
    ])('reads this request\'s value with %s as mistyped, not as an older one', async (_mistake, typed) => {
      server.setTxt(DOMAIN, [[typed]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'wrongValue', found: [typed], mistakes: ['typo'] });
    });

    it('spots SPF records where the verification record should be', async () => {
      server.setTxt(DOMAIN, [[SPF]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({
        kind: 'wrongValue',
        found: [SPF],
        mistakes: ['spfInstead'],
      });
    });

    it('does not call SPF the mistake when other TXT records are there too', async () => {
      server.setTxt(DOMAIN, [[SPF], ['google-site-verification=abc123']]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({
        kind: 'wrongValue',
        found: [SPF, 'google-site-verification=abc123'],
        mistakes: [],
      });
    });

    it('shows text that is not ASCII as the DNS host stored it (UTF-8)', async () => {
      server.setTxt(DOMAIN, [['caf\u00E9-verificatie \u2713']]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({
        kind: 'wrongValue',
        found: ['caf\u00E9-verificatie \u2713'],
        mistakes: [],
      });
    });

    it('lists every mistake it sees, in a fixed order', async () => {
      server.setTxt(DOMAIN, [['MS=ms87654321'], [' "ms12345678" ']]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({
        kind: 'wrongValue',
        found: ['MS=ms87654321', 'ms12345678'],
        mistakes: ['missingPrefix', 'otherToken'],
      });
    });

    it('shows at most 5 values, joined, unquoted, trimmed and cut to 100 characters', async () => {
      const long = 'y'.repeat(150);
      server.setTxt(DOMAIN, [['  "first" '], ['sec', 'ond'], [long], ['fourth'], ['fifth'], ['sixth'], ['seventh']]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({
        kind: 'wrongValue',
        found: ['first', 'second', 'y'.repeat(100), 'fourth', 'fifth'],
        mistakes: [],
      });
    });
  });

  describe('wrongHost', () => {
    it.each([
      ['the full domain typed into the host field', `${DOMAIN}.${DOMAIN}`],
      ['www', `www.${DOMAIN}`],
    ])('finds the value at %s', async (_case, host) => {
      server.setTxt(host, [[TOKEN]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'wrongHost', host });
    });

    it('prefers pointing at the wrong host over listing the other values at the domain', async () => {
      server.setTxt(DOMAIN, [[SPF]]);
      server.setTxt(`www.${DOMAIN}`, [['"ms=MS1234', '5678"']]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'wrongHost', host: `www.${DOMAIN}` });
    });

    it('names the doubled domain first when both wrong hosts hold the value', async () => {
      server.setTxt(`www.${DOMAIN}`, [[TOKEN]]);
      server.setTxt(`${DOMAIN}.${DOMAIN}`, [[TOKEN]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'wrongHost', host: `${DOMAIN}.${DOMAIN}` });
    });

    it('says found when the domain holds the value, whatever the wrong hosts hold', async () => {
      server.setTxt(DOMAIN, [[TOKEN]]);
      server.setTxt(`www.${DOMAIN}`, [[TOKEN]]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'found' });
    });

    it('does not count another token at a wrong host', async () => {
      server.setTxt(`www.${DOMAIN}`, [['MS=ms87654321']]);

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'noRecord' });
    });
  });

  describe('dnsFailure', () => {
    it.each<[DnsBehaviour, string]>([
      ['servfail', 'servfail'],
      ['refused', 'refused'],
      ['timeout', 'timeout'],
    ])('reports %s from the DNS server within a couple of seconds, without looking further', async (behaviour, reason) => {
      server.setTxt(DOMAIN, [[TOKEN]]);
      server.setBehaviour(DOMAIN, behaviour);
      const started = Date.now();

      await expect(checker.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'dnsFailure', reason });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(server.queries).toEqual([DOMAIN]);
    });

    it('reports other failures, such as nothing listening at the server address, as other', async () => {
      const gone = await startDnsServer();
      await gone.close();
      const orphan = new DnsTxtChecker({ servers: gone.servers, ...FAST });

      await expect(orphan.check(DOMAIN, TOKEN)).resolves.toEqual({ kind: 'dnsFailure', reason: 'other' });
    });
  });

  describe('misuse', () => {
    it('refuses an empty domain or value, naming the method', async () => {
      await expect(checker.check(' ', TOKEN)).rejects.toThrow('DnsTxtChecker.check(): empty domain');
      await expect(checker.check(DOMAIN, ' ')).rejects.toThrow('DnsTxtChecker.check(): empty value for "contoso.com"');
    });

    it('refuses an empty server list instead of quietly using the system resolvers', () => {
      expect(() => new DnsTxtChecker({ servers: [] })).toThrow('DnsTxtChecker: servers is empty');
    });
  });
});

describe('parseDnsServers', () => {
  it.each([
    ['127.0.0.1', ['127.0.0.1']],
    ['127.0.0.1:5353', ['127.0.0.1:5353']],
    [' 1.1.1.1 , 8.8.8.8:53 ', ['1.1.1.1', '8.8.8.8:53']],
    ['::1', ['::1']],
    ['[::1]', ['[::1]']],
    ['[::1]:53', ['[::1]:53']],
    ['2001:db8::1,[2001:db8::2]:65535', ['2001:db8::1', '[2001:db8::2]:65535']],
  ])('accepts %j', (value, servers) => {
    expect(parseDnsServers(value)).toEqual({ servers });
  });

  it('returns entries the resolver accepts', () => {
    const parsed = parseDnsServers('127.0.0.1:5353, [::1]:53, 2001:db8::1');
    expect(parsed).toHaveProperty('servers');
    const servers = 'servers' in parsed ? parsed.servers : [];
    expect(() => new DnsTxtChecker({ servers })).not.toThrow();
  });

  it.each([
    ['', 'DNS_SERVERS entry 1 is empty'],
    ['1.1.1.1,,8.8.8.8', 'DNS_SERVERS entry 2 is empty'],
    ['1.1.1.1,', 'DNS_SERVERS entry 2 is empty'],
    ['dns.google', '"dns.google" is not an IP address'],
    ['1.1.1.1, dns.google:53', '"dns.google:53" is not an IP address'],
    ['256.1.1.1', '"256.1.1.1" is not an IP address'],
    ['1.1.1.1:0', '"1.1.1.1:0" has port "0"'],
    ['1.1.1.1:65536', '"1.1.1.1:65536" has port "65536"'],
    ['1.1.1.1:dns', '"1.1.1.1:dns" has port "dns"'],
    ['1.1.1.1:', '"1.1.1.1:" has port ""'],
    ['[::1]:99999', '"[::1]:99999" has port "99999"'],
    ['[1.1.1.1]:53', '"[1.1.1.1]:53" is not an IPv6 address inside [ ]'],
    ['[localhost]', '"[localhost]" is not an IPv6 address inside [ ]'],
    ['1.1.1.1:53:53', '"1.1.1.1:53:53" is not an IP address'],
  ])('rejects %j, naming the bad entry', (value, problem) => {
    const parsed = parseDnsServers(value);
    expect(parsed).toEqual({ problem: expect.stringContaining(problem) });
  });
});
