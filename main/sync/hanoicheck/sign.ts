// HanoiCheck request signatures: X-Signature = Base64(HMAC-SHA256(client_secret,
//   METHOD + "\n" + PATH + "\n" + TIMESTAMP + "\n" + NONCE + "\n" + hex(SHA-256(body)))).
// The portal simulator checks requests with the same function.
import crypto from 'node:crypto';

export function hanoiCheckSignature(
  secret: string,
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  const bodyHash = crypto.createHash('sha256').update(body, 'utf8').digest('hex');
  const text = [method.toUpperCase(), path, timestamp, nonce, bodyHash].join('\n');
  return crypto.createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

/** The three signature headers of one request (a fresh nonce each time; the time is Unix seconds). */
export function signatureHeaders(
  secret: string,
  method: string,
  path: string,
  body: string,
  nowMs = Date.now(),
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = crypto.randomBytes(12).toString('hex');
  return {
    'X-Timestamp': timestamp,
    'X-Nonce': nonce,
    'X-Signature': hanoiCheckSignature(secret, method, path, timestamp, nonce, body),
  };
}
