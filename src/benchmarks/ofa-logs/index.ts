// Public names of the OFA MobileNetV3 search-log problems.

export { parsePythonLiteral, type PythonValue } from './python-literal.js';
export { OFA_LOGS_FOLDER, OFA_LOGS_TABLE_ID, loadOfaLogs, loadOfaLogsFromDataDir } from './ofa-logs-table.js';
export type { OfaLogNetwork, OfaLogRow, OfaLogsTable } from './ofa-logs-table.js';
export { genomeOfOfaNativeId, ofaNativeId } from './ofa-logs-native-id.js';
export { OFA_LOGS_SUPERNET_ID, createOfaLogsProblem } from './ofa-logs-problem.js';
export type { OfaLogsProblem } from './ofa-logs-problem.js';
