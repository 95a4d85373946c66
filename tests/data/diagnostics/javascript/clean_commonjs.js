#!/usr/bin/env node
'use strict';
const path = require('path');

class Cache {
  #entries = new Map();
  get(key) { return this.#entries.get(key) ?? null; }
  set(key, value) { this.#entries.set(key, value); return this; }
}

module.exports = { Cache, resolve: (p) => path.resolve(p) };
if (require.main !== module) return;
console.log(`ready: ${new Cache().get('x')}`);
