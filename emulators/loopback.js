// Preloaded into the Kinesis emulator (node -r ./loopback.js): it has no host option and binds
// every interface, so every server it opens is pinned to 127.0.0.1 here.
'use strict';
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args.length > 0 && typeof args[0] === 'object' && args[0] !== null) {
    args[0] = Object.assign({}, args[0], { host: '127.0.0.1' });
  } else if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const port = args[0];
    const rest = args.slice(1).filter((a) => typeof a !== 'string');
    const backlog = rest.find((a) => typeof a === 'number');
    const callback = rest.find((a) => typeof a === 'function');
    return backlog === undefined
      ? listen.call(this, port, '127.0.0.1', callback)
      : listen.call(this, port, '127.0.0.1', backlog, callback);
  }
  return listen.apply(this, args);
};
