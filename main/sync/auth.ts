// Credentials for portal requests: bearer token, HTTP basic, or OAuth2 client credentials (token URL + client
// id + secret → an expiring access token, as the national portal is known to use). `refresh()` forces a new
// token; the engine calls it once after a 401.
import { request } from './http';
import { SyncError, type PortalConfig } from './types';

export class PortalAuth {
  private token: string | null = null;
  private expiresAt = 0;

  constructor(private readonly cfg: PortalConfig) {}

  async headers(): Promise<Record<string, string>> {
    const { auth, secret, settings } = this.cfg;
    if (auth === 'bearer') return secret ? { authorization: `Bearer ${secret}` } : {};
    if (auth === 'basic')
      return { authorization: `Basic ${Buffer.from(`${settings.username ?? ''}:${secret ?? ''}`).toString('base64')}` };
    if (auth === 'oauth2') {
      // Renew a little before expiry so a token does not run out between building and sending a request.
      if (!this.token || Date.now() > this.expiresAt - 5_000) await this.fetchToken();
      return { authorization: `Bearer ${this.token}` };
    }
    return {};
  }

  /** True when a new credential was obtained (only OAuth2 can; a fixed token or password stays wrong). */
  async refresh(): Promise<boolean> {
    if (this.cfg.auth !== 'oauth2') return false;
    this.token = null;
    await this.fetchToken();
    return true;
  }

  private async fetchToken(): Promise<void> {
    const { settings, secret } = this.cfg;
    if (!settings.tokenUrl || !settings.clientId) throw new SyncError('stop', 'PORTAL_AUTH_INCOMPLETE');
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_secret: secret ?? '',
    });
    if (settings.scope) body.set('scope', settings.scope);
    let ans;
    try {
      ans = await request(settings.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        timeoutMs: settings.timeoutMs ?? 30_000,
      });
    } catch (err) {
      throw new SyncError('retry', 'PORTAL_UNREACHABLE', { url: settings.tokenUrl, detail: (err as Error).message });
    }
    if (ans.status === 400 || ans.status === 401 || ans.status === 403)
      throw new SyncError('stop', 'PORTAL_BAD_CREDENTIALS', { status: ans.status }, null, ans.text.slice(0, 2000));
    if (ans.status >= 500 || ans.status === 429)
      throw new SyncError('retry', 'PORTAL_SERVER_ERROR', { status: ans.status });
    let j: { access_token?: string; expires_in?: number };
    try {
      j = JSON.parse(ans.text);
    } catch {
      j = {};
    }
    if (ans.status !== 200 || !j.access_token)
      throw new SyncError('stop', 'PORTAL_TOKEN_BAD_ANSWER', { status: ans.status }, null, ans.text.slice(0, 2000));
    this.token = j.access_token;
    this.expiresAt = Date.now() + (typeof j.expires_in === 'number' ? j.expires_in * 1000 : 3_600_000);
  }
}
