import { describe, expect, it } from 'vitest';
import { escapesArchive, normalizeArchivePath, resolveLinks, symlinkTarget, type LinkInfo } from '../../src/sources/archive/archive-path.js';

describe('normalizeArchivePath', () => {
  it.each([
    ['./manifest.json', 'manifest.json'],
    ['././a//b/./c/', 'a/b/c'],
    ['a/../b', 'b'],
    ['./', ''],
    ['../x', '../x'],
    ['a/../../x', '../x'],
    ['/etc/passwd', '/etc/passwd'],
  ])('%s -> %s', (raw, expected) => {
    expect(normalizeArchivePath(raw)).toBe(expected);
  });

  it('knows which paths leave the archive', () => {
    expect(['../x', '..', '/abs'].map(escapesArchive)).toEqual([true, true, true]);
    expect(['x', 'a/..b', '..x'].map(escapesArchive)).toEqual([false, false, false]);
  });

  it('resolves symlink targets relative to the link', () => {
    expect(symlinkTarget('abc/layer.tar', '../abc.tar')).toBe('abc.tar');
    expect(symlinkTarget('b/layer.tar', '../a/layer.tar')).toBe('a/layer.tar');
  });
});

describe('resolveLinks', () => {
  type E = LinkInfo & { id: string };
  const table = (entries: Record<string, Partial<E>>) => (p: string) =>
    entries[p] ? ({ kind: 'file', linkpath: null, id: p, ...entries[p] } as E) : undefined;

  it('follows a skopeo-style symlink and a hardlink', () => {
    const lookup = table({
      'x.tar': {},
      'x/layer.tar': { kind: 'symlink', linkpath: '../x.tar' },
      'h/layer.tar': { kind: 'hardlink', linkpath: 'x/layer.tar' },
    });
    expect(resolveLinks('h/layer.tar', lookup)).toMatchObject({ ok: true, path: 'x.tar' });
  });

  it('reports missing, escaping, looping and non-file targets', () => {
    const lookup = table({
      a: { kind: 'symlink', linkpath: 'b' },
      b: { kind: 'symlink', linkpath: 'a' },
      out: { kind: 'symlink', linkpath: '../../etc/passwd' },
      dir: { kind: 'directory' },
    });
    expect(resolveLinks('nope', lookup)).toMatchObject({ ok: false, reason: 'missing' });
    expect(resolveLinks('out', lookup)).toMatchObject({ ok: false, reason: 'escape' });
    expect(resolveLinks('../x', lookup)).toMatchObject({ ok: false, reason: 'escape', detail: 'path "../x" points outside the archive' });
    expect(resolveLinks('a', lookup)).toMatchObject({ ok: false, reason: 'loop' });
    expect(resolveLinks('dir', lookup)).toMatchObject({ ok: false, reason: 'not-a-file' });
  });
});
