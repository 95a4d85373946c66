// SPDX-License-Identifier: GPL-3.0-or-later
// Implemented by the SQLite store work.
