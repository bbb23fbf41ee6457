import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has the contract defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000, HOST: '127.0.0.1', DATABASE_PATH: 'data/ind.sqlite', LOG_LEVEL: 'info', PUBLIC_URL: 'http://127.0.0.1:3000',
    });
  });

  it('derives the public URL from the listening address unless it is given', () => {
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://data.example.nl/ind/' }).PUBLIC_URL).toBe('https://data.example.nl/ind');
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });
});
