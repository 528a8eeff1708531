// "Portal" that takes uploads: each delivery is written as a ZIP package (EPCIS JSON-LD + spreadsheet of the
// same events) into the chosen folder (e.g. a USB stick); the file name is the item's receipt.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { validateEpcis } from '../../epcis/schema';
import {
  SyncError,
  type Capabilities,
  type Delivery,
  type DeliveryResult,
  type ItemOutcome,
  type PortalAdapter,
  type PortalConfig,
  type TestResult,
} from '../types';

export class FilePackageAdapter implements PortalAdapter {
  readonly type = 'file' as const;
  constructor(private readonly cfg: PortalConfig) {}

  private dir(): string {
    return this.cfg.settings.outDir ?? this.cfg.url ?? '';
  }

  async capabilities(): Promise<Capabilities> {
    return { captureLimit: 10_000, fileSizeLimit: null, epcisVersion: '2.0' };
  }

  async test(): Promise<TestResult> {
    const dir = this.dir();
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      return { ok: true, code: null, params: {}, capabilities: await this.capabilities() };
    } catch (err) {
      return {
        ok: false,
        code: 'PORTAL_UNREACHABLE',
        params: { url: dir, detail: (err as Error).message },
        capabilities: null,
      };
    }
  }

  async deliver(d: Delivery): Promise<DeliveryResult> {
    const check = validateEpcis(d.document);
    if (!check.ok) throw new SyncError('stop', 'EXPORT_INVALID_EPCIS', { detail: check.errors.join('; ') });
    const name = `nguongoc-${String(d.document.creationDate).replace(/[:.+]/g, '-')}-${d.eventCount}.zip`;
    const zip = new JSZip();
    zip.file('epcis.jsonld', JSON.stringify(d.document, null, 1));
    try {
      fs.mkdirSync(this.dir(), { recursive: true });
      fs.writeFileSync(
        path.join(this.dir(), name),
        await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
      );
    } catch (err) {
      throw new SyncError('retry', 'PORTAL_UNREACHABLE', { url: this.dir(), detail: (err as Error).message });
    }
    const outcomes = new Map<number, ItemOutcome>();
    for (const items of d.eventItems.values())
      for (const i of items) outcomes.set(i, { status: 'accepted', receipt: name });
    for (const i of d.masterItems) outcomes.set(i, { status: 'accepted', receipt: name });
    return { receipt: name, outcomes };
  }
}
