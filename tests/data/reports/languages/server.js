'use strict';

const express = require('express');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

app.use(express.json());

app.get('/health', (req, res) => {
  res.json({ ok: true });
});

async function listScenarios(limit) {
  const result = await pool.query('SELECT id, title FROM scenarios LIMIT $1', [limit]);
  return result.rows;
}

app.get('/scenarios', async (req, res) => {
  const rows = await listScenarios(50);
  res.json(rows);
});

module.exports = app;

if (require.main === module) {
  app.listen(3000, () => console.log('listening on 3000'));
}
