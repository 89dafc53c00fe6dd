import { describe, expect, it } from 'vitest'
import { describeUserAgent } from './account'
import { base64urlToBuffer, bufferToBase64url, creationOptionsFromJSON } from './webauthn'

describe('describeUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36', 'Chrome on Linux'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile Safari/604.1', 'Safari on iOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36 Edg/140.0', 'Edge on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:140.0) Gecko/20100101 Firefox/140.0', 'Firefox on macOS'],
    ['curl/8.5.0', 'Script'],
  ])('%s → %s', (agent, expected) => {
    expect(describeUserAgent(agent)).toBe(expected)
  })
})

describe('webauthn JSON', () => {
  it('round-trips base64url without padding', () => {
    const bytes = new Uint8Array([0, 1, 250, 251, 252, 253, 254, 255])
    const text = bufferToBase64url(bytes)
    expect(text).toBe('AAH6-_z9_v8')
    expect(new Uint8Array(base64urlToBuffer(text))).toEqual(bytes)
  })

  it('turns the ids of creation options into buffers', () => {
    const options = creationOptionsFromJSON({
      publicKey: {
        challenge: 'AAH6',
        rp: { id: 'localhost', name: 'Tandem' },
        user: { id: 'MQ', name: 'ann@example.com', displayName: 'Ann' },
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        excludeCredentials: [{ type: 'public-key', id: 'AAE' }],
      },
    })
    const publicKey = options.publicKey!
    expect(new Uint8Array(publicKey.challenge as ArrayBuffer)).toEqual(new Uint8Array([0, 1, 250]))
    expect(new TextDecoder().decode(publicKey.user.id as ArrayBuffer)).toBe('1')
    expect(new Uint8Array(publicKey.excludeCredentials![0]!.id as ArrayBuffer)).toEqual(new Uint8Array([0, 1]))
  })
})
