import { readFile } from 'node:fs/promises';

export async function load(name) {
  const text = await readFile(name, 'utf8';
  return text;
}
