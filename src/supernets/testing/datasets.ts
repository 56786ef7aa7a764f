// Test helpers: locate the shared datasets folder and read the DyNAS-T OFA MobileNetV3 logs.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** CARVE_DATA, else ../shared/datasets next to the project root (found by walking up to package.json). */
export function datasetsDir(): string {
  const fromEnv = process.env['CARVE_DATA'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return resolve(fromEnv);
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('cannot find the project root; set CARVE_DATA');
    folder = parent;
  }
  return resolve(folder, '..', 'shared', 'datasets');
}

export interface DynastLogRow {
  readonly file: string;
  readonly line: number;
  /** The sub-network column: OFA's native dict as Python prints it. */
  readonly configText: string;
  readonly config: Record<string, unknown>;
  readonly params: number;
  readonly macs: number;
}

/** Python dict repr of plain lists, numbers and None, turned into JSON. */
export function pythonDictToJson(text: string): unknown {
  return JSON.parse(text.replace(/'/g, '"').replace(/\bNone\b/g, 'null').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false'));
}

const ROW = /^"(\{[^"]*\})",([^,]*),(\d+),([^,]*),(\d+),([^,]*)$/;

/** Every row of the DyNAS-T OFA MobileNetV3 w1.0 logs (header: Sub-network,Date,Model Parameters,Latency (ms),MACs,Top-1 Acc (%)). */
export function readDynastMbv3Logs(): DynastLogRow[] {
  const folder = join(datasetsDir(), 'dynast_ofa_mbv3');
  const rows: DynastLogRow[] = [];
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.csv')).sort()) {
    const lines = readFileSync(join(folder, file), 'utf8').split(/\r?\n/);
    if (lines[0] !== 'Sub-network,Date,Model Parameters,Latency (ms),MACs,Top-1 Acc (%)') throw new Error(`unexpected header in ${file}`);
    lines.slice(1).forEach((text, index) => {
      if (text.trim() === '') return;
      const match = ROW.exec(text);
      if (match === null) throw new Error(`${file}:${index + 2}: unexpected row ${text.slice(0, 80)}`);
      rows.push({
        file,
        line: index + 2,
        configText: match[1] as string,
        config: pythonDictToJson(match[1] as string) as Record<string, unknown>,
        params: Number(match[3]),
        macs: Number(match[5]),
      });
    });
  }
  return rows;
}
