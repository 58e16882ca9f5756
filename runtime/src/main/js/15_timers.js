// setTimeout/setInterval over the host's timer op. A timer belongs to the request that set it: when that request
// ends (response sent, waitUntil settled), the host drops its timers, as workerd does.
(function (internal) {
  const active = new Map(); // handle -> call id of the armed host timer
  let nextHandle = 1;

  function arm(handle, delay, fire) {
    const call = internal.startAsyncOp(internal.ops.timerStart, delay);
    active.set(handle, call.id);
    call.promise.then(fire, () => active.delete(handle));
  }

  function start(callback, delay, args, repeat) {
    if (typeof callback !== 'function') throw new TypeError('The callback provided as the first argument must be a function.');
    delay = Math.max(0, Number(delay) || 0);
    const handle = nextHandle++;
    const fire = () => {
      if (!active.has(handle)) return;
      if (repeat) arm(handle, delay, fire);
      else active.delete(handle);
      callback(...args);
    };
    arm(handle, delay, fire);
    return handle;
  }

  function clear(handle) {
    const callId = active.get(handle);
    if (callId === undefined) return;
    active.delete(handle);
    internal.ops.cancelCall(callId);
    internal.forget(callId);
  }

  internal.timers = { set: (callback, delay) => start(callback, delay, [], false), clear };
  internal.defineGlobal('setTimeout', function setTimeout(callback, delay, ...args) { return start(callback, delay, args, false); });
  internal.defineGlobal('setInterval', function setInterval(callback, delay, ...args) { return start(callback, delay, args, true); });
  internal.defineGlobal('clearTimeout', function clearTimeout(handle) { clear(handle); });
  internal.defineGlobal('clearInterval', function clearInterval(handle) { clear(handle); });
})(globalThis.__corralInternal);
