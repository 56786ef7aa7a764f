// Public names of the elastic BERT-base family.

export { BERT_BASE_ENTRY, createBertBase, type BertSupernet } from './supernet.js';
export { bertPlan, BERT_SEQUENCE_LENGTH, type BertPlan } from './architecture.js';
export { BERT_INPUT_NAME } from './onnx-graph.js';
