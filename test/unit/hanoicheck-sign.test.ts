// HanoiCheck signatures against the published test vector.
import { describe, expect, it } from 'vitest';
import { hanoiCheckSignature, signatureHeaders } from '../../main/sync/hanoicheck/sign';

describe('HanoiCheck request signature', () => {
  it('matches the test vector', () => {
    expect(
      hanoiCheckSignature(
        'hmac_secret_demo',
        'POST',
        '/api/supplier/warehouses/merge',
        '1706600000',
        '8f14e45fceea167a5a36c1d2',
        '[{"ma_kho":"KHO01","ten_kho":"Kho A"}]',
      ),
    ).toBe('yDrVrWucC7MO6bD62wqD9rkm6sADL1FRrmRvORlFL+A=');
  });

  it('signs each request with Unix seconds and a fresh nonce', () => {
    const a = signatureHeaders('s', 'POST', '/api/supplier/foods/merge', '[]', 1706600000123);
    const b = signatureHeaders('s', 'POST', '/api/supplier/foods/merge', '[]', 1706600000123);
    expect(a['X-Timestamp']).toBe('1706600000');
    expect(a['X-Nonce']).not.toBe(b['X-Nonce']);
    expect(a['X-Signature']).toBe(
      hanoiCheckSignature('s', 'POST', '/api/supplier/foods/merge', '1706600000', a['X-Nonce'], '[]'),
    );
  });
});
