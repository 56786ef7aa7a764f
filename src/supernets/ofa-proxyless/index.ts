// Public names of the OFA ProxylessNAS family.

export { createOfaProxyless, OFA_PROXYLESS_ENTRY } from './supernet.js';
export { PROXYLESS_BASE_WIDTHS, proxylessPlan, proxylessWidths, type ProxylessWidths } from './architecture.js';
