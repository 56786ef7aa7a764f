// Public names of the NAS-Bench-Macro problems.

export { MACRO_LAYER_COUNT, MACRO_NETWORK_COUNT, MACRO_OPS, MACRO_STAGE_LAYERS, archToGenome, genomeToArch, macroCodec, macroSpace } from './macro-space.js';
export { MACRO_TABLE_FILE, MACRO_TABLE_ID, loadMacroTable, loadMacroTableFromDataDir } from './macro-table.js';
export type { MacroTable } from './macro-table.js';
export { createMacroProblem } from './macro-problem.js';
export type { MacroProblem } from './macro-problem.js';
