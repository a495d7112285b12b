export const HOSTSCOPE_VERSION = '0.1.0';
