// What the .vsix holds, as `vsce ls` lists it (the files `vsce package` puts in, after the
// build): everything the README and package.json refer to is there, and nothing that only the
// repository needs (sources, tests, source maps, node_modules).

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function packagedFiles(): Set<string> {
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  const out = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  return new Set(out.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
}

/** Relative image and link targets of the README (`![alt](path)`, `<img src="path">`). */
function readmeReferences(readme: string): string[] {
  const targets = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]+src="([^"]+)"/g)].map((m) => (m[1] ?? m[2]) as string);
  return targets.filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'));
}

/** The files a walkthrough step shows: an image (one, or one per theme), an SVG or a Markdown page. */
function walkthroughMedia(manifest: Record<string, unknown>): string[] {
  const walkthroughs = (manifest.contributes as { walkthroughs?: { steps: { media: Record<string, unknown> }[] }[] }).walkthroughs ?? [];
  return walkthroughs
    .flatMap((w) => w.steps)
    .flatMap(({ media }) => [media.image, media.svg, media.markdown])
    .flatMap((file) => (typeof file === 'string' ? [file] : file && typeof file === 'object' ? Object.values(file) : []))
    .map((file) => String(file).replace(/^\.\//, ''));
}

/** Files that package.json names: main, icon, and every icon of its contributions. */
function manifestReferences(manifest: Record<string, unknown>): string[] {
  const found: string[] = [String(manifest.main), String(manifest.icon)];
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string' && (key === 'icon' || key === 'iconPath') && !value.startsWith('$(')) found.push(value);
    else if (Array.isArray(value)) value.forEach((item) => visit(item));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(manifest.contributes);
  return found.map((file) => file.replace(/^\.\//, ''));
}

describe('the .vsix', function () {
  this.timeout(60_000);
  let files: Set<string>;
  before(() => {
    files = packagedFiles();
  });

  it('holds every image and file the README refers to', () => {
    const refs = readmeReferences(readFileSync(path.join(root, 'README.md'), 'utf8'));
    assert.ok(refs.length > 0, 'the README shows screenshots');
    assert.deepEqual(refs.filter((ref) => !files.has(ref)), []);
  });

  it('holds every file package.json names, a PNG icon, the changelog and the licence', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.match(String(manifest.icon), /\.png$/, 'the Marketplace takes no SVG icon');
    const wanted = [...manifestReferences(manifest), 'CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'];
    assert.deepEqual(wanted.filter((file) => !files.has(file)), []);
  });

  it('holds the image of every walkthrough step', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    const media = walkthroughMedia(manifest);
    assert.ok(media.length >= 4, `the walkthrough shows ${media.length} images`);
    assert.deepEqual(media.filter((file) => !files.has(file)), []);
  });

  it('names no placeholder repository', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { repository?: unknown };
    assert.doesNotMatch(JSON.stringify(manifest.repository ?? ''), /example\.(invalid|com|org)/);
  });

  it('holds no sources, tests, source maps or dependencies', () => {
    const unwanted = [...files].filter((file) => /^(src|test|bench|scripts|node_modules)\/|\.map$|\.ts$/.test(file));
    assert.deepEqual(unwanted, []);
  });

  it('holds the strings of package.json and of the code in English and in every translation, and no pseudo locale', () => {
    const translations = [...readdirSync(root).filter((f) => /^package\.nls\..+\.json$/.test(f)), ...readdirSync(path.join(root, 'l10n')).map((f) => `l10n/${f}`)];
    const wanted = ['package.nls.json', 'l10n/bundle.l10n.json', ...translations].filter((f) => !f.includes('qps-ploc'));
    assert.deepEqual(wanted.filter((file) => !files.has(file)), []);
    assert.deepEqual([...files].filter((file) => file.includes('qps-ploc')), []);
  });

  it('has a PNG icon of at least 128x128', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { icon: string };
    const png = readFileSync(path.join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width >= 128 && height >= 128, `${width}x${height}`);
  });
});
