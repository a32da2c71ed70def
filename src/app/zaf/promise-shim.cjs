// The ZAF SDK requires a Promise polyfill only where window.Promise is missing; every browser Zendesk supports has it.
module.exports = globalThis.Promise;
