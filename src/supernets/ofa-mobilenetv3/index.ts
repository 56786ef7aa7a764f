// Public names of the OFA MobileNetV3 family.

export { createOfaMobileNetV3, OFA_MBV3_ENTRIES } from './supernet.js';
export { MBV3_BASE_WIDTHS, mbv3Plan, mbv3Widths, type Mbv3Widths } from './architecture.js';
