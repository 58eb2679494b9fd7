// Copies the browser files of the npm packages the UI uses into ui/vendor/ (not committed):
// the packages come from the npm registry at install time; nothing is downloaded at run time.
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'ui', 'vendor');
mkdirSync(out, { recursive: true });
const files = [
  ['node_modules/signature_pad/dist/signature_pad.umd.min.js', 'signature_pad.umd.min.js'],
  ['node_modules/pdfjs-dist/build/pdf.min.js', 'pdf.min.js'],
  ['node_modules/pdfjs-dist/build/pdf.worker.min.js', 'pdf.worker.min.js'],
];
for (const [from, to] of files) {
  const src = join(root, from);
  if (!existsSync(src)) {
    console.error(`缺少 ${from}：请先运行 npm ci`);
    process.exit(1);
  }
  copyFileSync(src, join(out, to));
}
console.log(`ui/vendor: ${files.length} files`);
