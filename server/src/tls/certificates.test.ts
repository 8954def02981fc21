import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureCertificates, renewalReason, spkiPin } from './certificates.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-tls-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const names = {
  hostName: 'hoctap.lan',
  addresses: ['192.168.1.10'],
  centerName: 'Trung tâm học tập cộng đồng xã Tân Lập',
};
const now = new Date('2026-11-23T03:00:00Z');

describe("the box's certificates", () => {
  it('first start makes a CA and a server certificate it signed, naming the host and the LAN addresses', async () => {
    const tls = await ensureCertificates(dir, names, now);
    expect(tls.renewed).toBe('new-ca');
    const ca = new X509Certificate(tls.caCert);
    const server = new X509Certificate(tls.serverCert);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('Hoc tap kiosk CA - Trung tam hoc tap cong dong xa Tan Lap');
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toBe('DNS:hoctap.lan, DNS:localhost, IP Address:192.168.1.10, IP Address:127.0.0.1');
    expect(server.checkHost('hoctap.lan')).toBe('hoctap.lan');
    expect(server.checkIP('192.168.1.10')).toBe('192.168.1.10');
    expect(tls.chain).toBe(tls.serverCert + tls.caCert);
    // Keys are for the kiosk's user only.
    expect(statSync(join(dir, 'ca.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'server.key')).mode & 0o777).toBe(0o600);
  });

  it('a later start keeps both; the server certificate is made again (same CA) before it expires or when an address changes', async () => {
    const first = await ensureCertificates(dir, names, now);
    const again = await ensureCertificates(dir, names, new Date(now.getTime() + 100 * 86_400_000));
    expect(again.renewed).toBeNull();
    expect(again.serverCert).toBe(first.serverCert);

    const late = new Date(now.getTime() + 370 * 86_400_000);
    expect(renewalReason(first.serverCert, names, late)).toBe('expiring');
    const renewed = await ensureCertificates(dir, names, late);
    expect(renewed.renewed).toBe('expiring');
    expect(renewed.caCert).toBe(first.caCert);
    expect(renewed.serverCert).not.toBe(first.serverCert);
    expect(new X509Certificate(renewed.serverCert).checkIssued(new X509Certificate(first.caCert))).toBe(true);

    const moved = await ensureCertificates(dir, { ...names, addresses: ['10.0.0.5'] }, late);
    expect(moved.renewed).toBe('names-changed');
    expect(new X509Certificate(moved.serverCert).checkIP('10.0.0.5')).toBe('10.0.0.5');
    expect(readFileSync(join(dir, 'ca.crt'), 'utf8')).toBe(first.caCert);
  });

  it('the SPKI pin is the base64 SHA-256 of the public key (44 characters), different per certificate', async () => {
    const tls = await ensureCertificates(dir, names, now);
    expect(spkiPin(tls.serverCert)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(spkiPin(tls.serverCert)).not.toBe(spkiPin(tls.caCert));
  });
});
