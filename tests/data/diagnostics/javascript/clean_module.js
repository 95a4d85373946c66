import fs from 'node:fs/promises';
import { join } from 'node:path';

export const root = join(import.meta.dirname ?? '.', 'data');

export default async function load(name) {
  const text = await fs.readFile(join(root, name), 'utf8');
  return JSON.parse(text);
}

const config = await load('config.json');
export { config };
