/**
 * The sticky-comment marker: one builder, one parser, and only the exact line layerdiff writes
 * parses. Checked against hand-written lines and, with fast-check, against arbitrary keys and
 * workflow paths (the marker must stay one HTML comment that nothing can end early).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMarker, checkCommentKey, firstLineOf, isCommentKey, parseMarker } from '../../src/report/comment-marker.js';
import { commentMarker } from '../../src/report/markdown.js';
import { markerFor } from '../../src/github/sticky-comment.js';

const keyChars = 'abcXYZ019._/:@+-'.split('');
const validKey = fc
  .tuple(fc.constantFrom(...'aZ0'.split('')), fc.array(fc.constantFrom(...keyChars), { maxLength: 30 }))
  .map(([first, rest]) => first + rest.join(''))
  .filter((key) => !key.includes('--'));

describe('comment marker', () => {
  it('has one fixed, versioned shape with the key and the workflow', () => {
    expect(buildMarker('default')).toBe('<!-- layerdiff:v1 key=default -->');
    expect(buildMarker('linux/arm64', '.github/workflows/ci.yml')).toBe('<!-- layerdiff:v1 key=linux/arm64 workflow=.github/workflows/ci.yml -->');
    expect(parseMarker('<!-- layerdiff:v1 key=linux/arm64 workflow=.github/workflows/ci.yml -->')).toEqual({
      key: 'linux/arm64',
      workflow: '.github/workflows/ci.yml',
    });
    expect(parseMarker('<!-- layerdiff:v1 key=default -->')).toEqual({ key: 'default', workflow: null });
  });

  it('is built by the one module for the renderer and the sticky comment alike', () => {
    expect(commentMarker('app')).toBe(buildMarker('app'));
    expect(markerFor('app', 'w.yml')).toBe(buildMarker('app', 'w.yml'));
  });

  it.each([
    ['the marker before v1', '<!-- layerdiff:default -->'],
    ['another version', '<!-- layerdiff:v2 key=default -->'],
    ['text after it', '<!-- layerdiff:v1 key=default --> and more'],
    ['text before it', 'x <!-- layerdiff:v1 key=default -->'],
    ['a space more', '<!--  layerdiff:v1 key=default -->'],
    ['an invalid key', '<!-- layerdiff:v1 key=a--b -->'],
    ['a non-canonical workflow', '<!-- layerdiff:v1 key=a workflow=%2Egithub -->'],
    ['a broken escape', '<!-- layerdiff:v1 key=a workflow=%E2%28 -->'],
    ['an unknown field', '<!-- layerdiff:v1 key=a run=5 -->'],
  ])('does not parse %s', (_what, line) => {
    expect(parseMarker(line)).toBeNull();
  });

  it('refuses keys that could end the comment early (hostile: --comment-key "k--!><img src=x onerror=alert(1)>")', () => {
    for (const key of ['k--!><img src=x onerror=alert(1)>', 'x --> y', 'a--b', '-lead', '', 'a'.repeat(101), 'tab\tkey', 'ключ']) {
      expect(isCommentKey(key)).toBe(false);
      expect(() => buildMarker(key)).toThrow(/^comment-key: /);
    }
    expect(() => checkCommentKey('a b', '--comment-key')).toThrow(/^--comment-key: "a b" must be/);
  });

  it('keeps any workflow path inside one comment, and reads it back (property)', () => {
    fc.assert(
      fc.property(validKey, fc.string({ unit: 'binary', maxLength: 80 }), (key, workflow) => {
        const line = buildMarker(key, workflow || null);
        const inner = line.slice('<!--'.length, -'-->'.length);
        expect(line.startsWith('<!-- layerdiff:v1 key=')).toBe(true);
        expect(line.endsWith(' -->')).toBe(true);
        expect(inner).not.toMatch(/--|>|</);
        // Fields are separated by single spaces and hold none themselves.
        expect(inner.split(' ')).toEqual(['', 'layerdiff:v1', `key=${key}`, ...(workflow ? [expect.stringMatching(/^workflow=\S+$/)] : []), '']);
        const parsed = parseMarker(line);
        // Lone surrogates cannot be encoded as UTF-8: such a path reads back as U+FFFD, and then
        // only the exact comparison of lines (what isOurComment does) decides.
        if (!/\p{Surrogate}/u.test(workflow)) expect(parsed).toEqual({ key, workflow: workflow || null });
      }),
      { numRuns: 500 },
    );
  });

  it('cuts over-long workflow paths the same way every time', () => {
    const long = `.github/workflows/${'x'.repeat(400)}.yml`;
    expect(buildMarker('k', long)).toBe(buildMarker('k', long.slice(0, 200)));
    expect(parseMarker(buildMarker('k', long))).toEqual({ key: 'k', workflow: long.slice(0, 200) });
  });

  it("reads the first line without the web editor's \\r", () => {
    expect(firstLineOf('a\r\nb')).toBe('a');
    expect(firstLineOf('a')).toBe('a');
    expect(firstLineOf('')).toBe('');
  });
});
