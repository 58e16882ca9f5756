// Behaviour tests for DOMException, Event, CustomEvent, EventTarget, AbortController and AbortSignal. Each case
// throws on failure; the worker answers { passed: [names], failed: [{ name, error }] }.
import { assert, assertEquals, assertThrows, show, suite } from './harness.js';

const { test, worker } = suite();

const isTypeError = (e) => e instanceof TypeError;
const isDOMException = (name) => (e) => e instanceof DOMException && e.name === name;

// ---------------------------------------------------------------------------------------------------------------
// DOMException

test('DOMException carries name, message and legacy code', () => {
  const e = new DOMException('boom', 'AbortError');
  assertEquals(e.name, 'AbortError');
  assertEquals(e.message, 'boom');
  assertEquals(e.code, 20);
  assertEquals(new DOMException('x', 'DataCloneError').code, 25);
  assertEquals(new DOMException('x', 'NotAllowedError').code, 0, 'name without a code');
  assertEquals(new DOMException('x', 'ValidationError').code, 0, 'removed from the names table');
  const plain = new DOMException();
  assertEquals(plain.name, 'Error');
  assertEquals(plain.message, '');
  assertEquals(new DOMException(null).message, 'null');
});

test('DOMException is an Error', () => {
  const e = new DOMException('boom', 'InvalidStateError');
  assert(e instanceof Error, 'instanceof Error');
  assert(e instanceof DOMException, 'instanceof DOMException');
  assertEquals(Object.getPrototypeOf(DOMException.prototype), Error.prototype);
  assertEquals(Object.getPrototypeOf(DOMException), Function.prototype);
  assertEquals(String(e), 'InvalidStateError: boom');
  assertEquals(Object.prototype.toString.call(e), '[object DOMException]');
  assertEquals(typeof e.stack, 'string');
  assert(e.stack.startsWith('InvalidStateError: boom'), `stack header: ${e.stack.split('\n')[0]}`);
  if (typeof Error.isError === 'function') assert(Error.isError(e), 'Error.isError');
  assert(!Object.hasOwn(e, 'name') && !Object.hasOwn(e, 'message'), 'name and message are inherited');
});

test('DOMException has the legacy code constants', () => {
  const expected = { INDEX_SIZE_ERR: 1, INVALID_CHARACTER_ERR: 5, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
    ABORT_ERR: 20, TIMEOUT_ERR: 23, DATA_CLONE_ERR: 25 };
  for (const [name, code] of Object.entries(expected)) {
    assertEquals(DOMException[name], code, name);
    assertEquals(DOMException.prototype[name], code, `prototype ${name}`);
  }
  const desc = Object.getOwnPropertyDescriptor(DOMException, 'ABORT_ERR');
  assert(!desc.writable && desc.enumerable && !desc.configurable, 'constant descriptor');
});

test('DOMException needs new, checks receivers and can be subclassed', () => {
  assertThrows(() => DOMException('x'), isTypeError, 'call without new');
  const { get } = Object.getOwnPropertyDescriptor(DOMException.prototype, 'name');
  assertThrows(() => get.call(new Error('x')), isTypeError, 'name getter on an Error');
  class MyException extends DOMException {
    constructor() {
      super('mine', 'NotFoundError');
    }
  }
  const mine = new MyException();
  assert(mine instanceof MyException && mine instanceof DOMException, 'subclass instance');
  assertEquals(mine.code, 8);
});

// ---------------------------------------------------------------------------------------------------------------
// Event, CustomEvent

test('Event has its defaults and reads its init dictionary', () => {
  const e = new Event('ping');
  assertEquals(e.type, 'ping');
  assertEquals(e.bubbles, false);
  assertEquals(e.cancelable, false);
  assertEquals(e.composed, false);
  assertEquals(e.defaultPrevented, false);
  assertEquals(e.returnValue, true);
  assertEquals(e.cancelBubble, false);
  assertEquals(e.isTrusted, false);
  assertEquals(e.target, null);
  assertEquals(e.currentTarget, null);
  assertEquals(e.srcElement, null);
  assertEquals(e.eventPhase, Event.NONE);
  assertEquals(typeof e.timeStamp, 'number');
  assert(e.timeStamp > 0, 'timeStamp is positive');
  assertEquals(e.composedPath().length, 0);
  const read = [];
  const init = new Event('x', {
    get cancelable() { read.push('cancelable'); return 1; },
    get bubbles() { read.push('bubbles'); return 1; },
    get composed() { read.push('composed'); return 0; },
  });
  assertEquals(read.join(), 'bubbles,cancelable,composed', 'dictionary member order');
  assertEquals(init.bubbles, true);
  assertEquals(init.cancelable, true);
});

test('Event constructor validates its arguments', () => {
  assertThrows(() => new Event(), isTypeError, 'missing type');
  assertThrows(() => Event('x'), isTypeError, 'call without new');
  assertThrows(() => new Event('x', 7), isTypeError, 'non-object init');
  assertEquals(new Event(null).type, 'null');
});

test('Event constants are on the constructor and the prototype', () => {
  for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
    assertEquals(Event[name], value, name);
    assertEquals(Event.prototype[name], value, `prototype ${name}`);
  }
});

test('preventDefault and returnValue only cancel cancelable events', () => {
  const plain = new Event('x');
  plain.preventDefault();
  plain.returnValue = false;
  assertEquals(plain.defaultPrevented, false);
  const cancelable = new Event('x', { cancelable: true });
  cancelable.returnValue = false;
  assertEquals(cancelable.defaultPrevented, true);
  cancelable.returnValue = true;
  assertEquals(cancelable.returnValue, false, 'returnValue cannot uncancel');
});

test('cancelBubble and stopPropagation set the same flag', () => {
  const e = new Event('x');
  e.cancelBubble = false;
  assertEquals(e.cancelBubble, false);
  e.stopPropagation();
  assertEquals(e.cancelBubble, true);
  e.cancelBubble = false;
  assertEquals(e.cancelBubble, true, 'cannot be cleared');
  const f = new Event('x');
  f.stopImmediatePropagation();
  assertEquals(f.cancelBubble, true);
});

test('isTrusted is an unforgeable own accessor', () => {
  const a = Object.getOwnPropertyDescriptor(new Event('x'), 'isTrusted');
  const b = Object.getOwnPropertyDescriptor(new Event('y'), 'isTrusted');
  assert(a && typeof a.get === 'function' && !a.configurable, 'own accessor');
  assertEquals(a.get, b.get, 'one shared getter');
});

test('CustomEvent carries detail', () => {
  assertEquals(new CustomEvent('x').detail, null);
  const detail = { a: 1 };
  const e = new CustomEvent('x', { detail, cancelable: true });
  assertEquals(e.detail, detail);
  assertEquals(e.cancelable, true);
  assert(e instanceof Event, 'instanceof Event');
  assertThrows(() => new CustomEvent(), isTypeError, 'missing type');
});

test('Event subclasses work', () => {
  class PingEvent extends Event {
    constructor(count) {
      super('ping');
      this.count = count;
    }
  }
  const target = new EventTarget();
  let seen = 0;
  target.addEventListener('ping', (e) => (seen = e.count));
  target.dispatchEvent(new PingEvent(3));
  assertEquals(seen, 3);
});

// ---------------------------------------------------------------------------------------------------------------
// EventTarget

test('dispatchEvent sets the dispatch state and resets it after', () => {
  const target = new EventTarget();
  const event = new Event('x', { cancelable: true });
  let during;
  target.addEventListener('x', function (e) {
    during = { self: this, target: e.target, current: e.currentTarget, phase: e.eventPhase, path: e.composedPath() };
    e.stopPropagation();
  });
  assertEquals(target.dispatchEvent(event), true);
  assertEquals(during.self, target, 'this');
  assertEquals(during.target, target, 'target');
  assertEquals(during.current, target, 'currentTarget');
  assertEquals(during.phase, Event.AT_TARGET, 'eventPhase');
  assertEquals(during.path.length, 1, 'composedPath length');
  assertEquals(during.path[0], target, 'composedPath');
  assertEquals(event.target, target, 'target after');
  assertEquals(event.currentTarget, null, 'currentTarget after');
  assertEquals(event.eventPhase, Event.NONE, 'eventPhase after');
  assertEquals(event.cancelBubble, false, 'propagation flag cleared');
});

test('dispatchEvent returns false when a listener cancels', () => {
  const target = new EventTarget();
  target.addEventListener('x', (e) => e.preventDefault());
  assertEquals(target.dispatchEvent(new Event('x', { cancelable: true })), false);
  assertEquals(target.dispatchEvent(new Event('x')), true, 'not cancelable');
});

test('listeners run in order, capture listeners first', () => {
  const target = new EventTarget();
  const order = [];
  target.addEventListener('x', () => order.push('a'));
  target.addEventListener('x', () => order.push('capture'), true);
  target.addEventListener('x', () => order.push('b'), { capture: false });
  target.addEventListener('y', () => order.push('other type'));
  target.dispatchEvent(new Event('x'));
  assertEquals(order.join(), 'capture,a,b');
});

test('duplicate listeners are ignored unless capture differs', () => {
  const target = new EventTarget();
  let count = 0;
  const listener = () => count++;
  target.addEventListener('x', listener);
  target.addEventListener('x', listener);
  target.addEventListener('x', listener, { once: true, passive: true });
  target.addEventListener('x', listener, true);
  target.dispatchEvent(new Event('x'));
  assertEquals(count, 2);
  target.removeEventListener('x', listener, { capture: true });
  target.dispatchEvent(new Event('x'));
  assertEquals(count, 3);
  target.removeEventListener('x', listener);
  target.dispatchEvent(new Event('x'));
  assertEquals(count, 3);
});

test('once listeners run once, even when dispatch nests', () => {
  const target = new EventTarget();
  let count = 0;
  target.addEventListener('x', () => {
    count++;
    target.dispatchEvent(new Event('x'));
  }, { once: true });
  target.dispatchEvent(new Event('x'));
  target.dispatchEvent(new Event('x'));
  assertEquals(count, 1);
});

test('passive listeners cannot cancel', () => {
  const target = new EventTarget();
  let prevented;
  target.addEventListener('x', (e) => {
    e.preventDefault();
    prevented = e.defaultPrevented;
  }, { passive: true });
  assertEquals(target.dispatchEvent(new Event('x', { cancelable: true })), true);
  assertEquals(prevented, false);
});

test('listeners added or removed during a dispatch', () => {
  const target = new EventTarget();
  const order = [];
  const late = () => order.push('late');
  const removed = () => order.push('removed');
  target.addEventListener('x', () => {
    order.push('first');
    target.addEventListener('x', late);
    target.removeEventListener('x', removed);
  });
  target.addEventListener('x', removed);
  target.dispatchEvent(new Event('x'));
  assertEquals(order.join(), 'first', 'first dispatch');
  target.dispatchEvent(new Event('x'));
  assertEquals(order.join(), 'first,first,late', 'second dispatch');
});

test('stopImmediatePropagation stops the remaining listeners', () => {
  const target = new EventTarget();
  const order = [];
  target.addEventListener('x', (e) => {
    order.push(1);
    e.stopImmediatePropagation();
  });
  target.addEventListener('x', () => order.push(2));
  target.dispatchEvent(new Event('x'));
  assertEquals(order.join(), '1');
});

test('handleEvent objects are looked up at each dispatch', () => {
  const target = new EventTarget();
  const calls = [];
  const listener = {
    handleEvent(e) {
      calls.push(this === listener && e.type);
    },
  };
  target.addEventListener('x', listener);
  target.dispatchEvent(new Event('x'));
  listener.handleEvent = function () {
    calls.push('replaced');
  };
  target.dispatchEvent(new Event('x'));
  assertEquals(calls.join(), 'x,replaced');
  const fn = () => calls.push('function');
  fn.handleEvent = () => calls.push('never');
  target.addEventListener('y', fn);
  target.dispatchEvent(new Event('y'));
  assertEquals(calls.join(), 'x,replaced,function');
});

test('a throwing listener does not stop the others or the caller', () => {
  const target = new EventTarget();
  const order = [];
  target.addEventListener('x', () => {
    order.push(1);
    throw new Error('listener failure (expected in this test)');
  });
  target.addEventListener('x', {});
  target.addEventListener('x', () => order.push(2));
  assertEquals(target.dispatchEvent(new Event('x')), true);
  assertEquals(order.join(), '1,2');
});

test('an event cannot be dispatched while it is being dispatched', () => {
  const target = new EventTarget();
  const event = new Event('x');
  let inner;
  target.addEventListener('x', () => {
    try {
      target.dispatchEvent(event);
    } catch (e) {
      inner = e;
    }
  });
  target.dispatchEvent(event);
  assert(isDOMException('InvalidStateError')(inner), `inner error: ${inner}`);
  let again = 0;
  target.addEventListener('x', () => again++);
  target.dispatchEvent(event);
  assertEquals(again, 1, 'redispatch after the first one ended');
});

test('EventTarget validates its arguments', () => {
  const target = new EventTarget();
  assertEquals(target.addEventListener('x', null), undefined, 'null callback');
  assertEquals(target.addEventListener('x', undefined), undefined, 'undefined callback');
  assertThrows(() => target.addEventListener('x'), isTypeError, 'missing callback');
  assertThrows(() => target.addEventListener('x', 'nope'), isTypeError, 'string callback');
  assertThrows(() => target.addEventListener('x', () => {}, { signal: null }), isTypeError, 'null signal');
  assertThrows(() => target.addEventListener('x', () => {}, { signal: {} }), isTypeError, 'fake signal');
  assertThrows(() => target.dispatchEvent({ type: 'x' }), isTypeError, 'not an Event');
  assertThrows(() => target.dispatchEvent(), isTypeError, 'missing event');
  assertThrows(() => EventTarget.prototype.addEventListener.call({}, 'x', () => {}), isTypeError, 'foreign receiver');
});

test('EventTarget can be subclassed', () => {
  class Emitter extends EventTarget {
    emit(type, detail) {
      return this.dispatchEvent(new CustomEvent(type, { detail }));
    }
  }
  const emitter = new Emitter();
  let got;
  emitter.addEventListener('data', (e) => (got = e.detail));
  emitter.emit('data', 42);
  assertEquals(got, 42);
});

test('an AbortSignal removes its listeners', () => {
  const target = new EventTarget();
  const controller = new AbortController();
  let count = 0;
  target.addEventListener('x', () => count++, { signal: controller.signal });
  target.dispatchEvent(new Event('x'));
  controller.abort();
  target.dispatchEvent(new Event('x'));
  assertEquals(count, 1);
  target.addEventListener('x', () => count++, { signal: controller.signal });
  target.dispatchEvent(new Event('x'));
  assertEquals(count, 1, 'an aborted signal adds nothing');
});

test('globalThis is an EventTarget', () => {
  let seen;
  const listener = function (e) {
    seen = { self: this, target: e.target, current: e.currentTarget };
  };
  globalThis.addEventListener('corral-test', listener);
  assertEquals(dispatchEvent(new Event('corral-test')), true);
  assertEquals(seen.self, globalThis, 'this');
  assertEquals(seen.target, globalThis, 'target');
  assertEquals(seen.current, globalThis, 'currentTarget');
  seen = undefined;
  removeEventListener('corral-test', listener);
  dispatchEvent(new Event('corral-test'));
  assertEquals(seen, undefined, 'removed');
  assertEquals(addEventListener.length, 2, 'addEventListener.length');
});

// ---------------------------------------------------------------------------------------------------------------
// AbortController, AbortSignal

test('AbortController aborts its signal once, synchronously', () => {
  const controller = new AbortController();
  const signal = controller.signal;
  assertEquals(controller.signal, signal, 'same signal');
  assertEquals(signal.aborted, false);
  assertEquals(signal.reason, undefined);
  const events = [];
  signal.addEventListener('abort', (e) => events.push(e));
  controller.abort();
  controller.abort('again');
  assertEquals(events.length, 1, 'one abort event');
  const [event] = events;
  assertEquals(event.type, 'abort');
  assertEquals(event.target, signal);
  assertEquals(event.isTrusted, true);
  assertEquals(event.bubbles, false);
  assertEquals(event.cancelable, false);
  assertEquals(signal.aborted, true);
  assert(isDOMException('AbortError')(signal.reason), 'default reason');
  assertEquals(signal.reason, signal.reason, 'reason is kept');
});

test('abort reasons', () => {
  const custom = new Error('why');
  const a = new AbortController();
  a.abort(custom);
  assertEquals(a.signal.reason, custom);
  const b = new AbortController();
  b.abort(null);
  assertEquals(b.signal.reason, null);
  assertEquals(b.signal.aborted, true);
  const c = new AbortController();
  c.abort(undefined);
  assert(isDOMException('AbortError')(c.signal.reason), 'undefined becomes AbortError');
});

test('throwIfAborted throws the reason', () => {
  const controller = new AbortController();
  controller.signal.throwIfAborted();
  controller.abort('plain string');
  try {
    controller.signal.throwIfAborted();
  } catch (e) {
    assertEquals(e, 'plain string');
    return;
  }
  throw new Error('did not throw');
});

test('onabort is an event handler attribute', () => {
  const controller = new AbortController();
  const signal = controller.signal;
  const order = [];
  assertEquals(signal.onabort, null);
  signal.addEventListener('abort', () => order.push('before'));
  const first = () => order.push('first');
  signal.onabort = first;
  assertEquals(signal.onabort, first);
  signal.addEventListener('abort', () => order.push('after'));
  signal.onabort = function (e) {
    order.push(this === signal && e.type === 'abort' ? 'replacement' : 'wrong');
  };
  controller.abort();
  assertEquals(order.join(), 'before,replacement,after', 'keeps the first position');
});

test('onabort set to null or a non-function', () => {
  const a = new AbortController();
  let called = false;
  a.signal.onabort = () => (called = true);
  a.signal.onabort = null;
  a.abort();
  assertEquals(called, false, 'null removes');
  const b = new AbortController();
  const object = { handleEvent: () => (called = true) };
  b.signal.onabort = object;
  assertEquals(b.signal.onabort, object, 'objects are kept');
  b.abort();
  assertEquals(called, false, 'but not called');
  b.signal.onabort = 5;
  assertEquals(b.signal.onabort, null, 'primitives become null');
});

test('AbortSignal.abort returns an aborted signal', () => {
  const signal = AbortSignal.abort();
  assert(signal instanceof AbortSignal && signal instanceof EventTarget, 'instance');
  assertEquals(signal.aborted, true);
  assert(isDOMException('AbortError')(signal.reason), 'default reason');
  assertEquals(AbortSignal.abort('r').reason, 'r');
});

test('AbortSignal cannot be constructed', () => {
  assertThrows(() => new AbortSignal(), isTypeError, 'new AbortSignal()');
});

test('AbortSignal.timeout aborts with TimeoutError', async () => {
  const signal = AbortSignal.timeout(10);
  assertEquals(signal.aborted, false);
  const event = await new Promise((resolve) => signal.addEventListener('abort', resolve));
  assertEquals(event.type, 'abort');
  assertEquals(signal.aborted, true);
  assert(isDOMException('TimeoutError')(signal.reason), `reason ${signal.reason}`);
  assertEquals(signal.reason.code, 23);
});

test('AbortSignal.timeout validates its delay', () => {
  for (const bad of [-1, NaN, Infinity, 2 ** 53]) assertThrows(() => AbortSignal.timeout(bad), isTypeError, String(bad));
  assertThrows(() => AbortSignal.timeout(), isTypeError, 'missing delay');
});

test('AbortSignal.any follows its sources', () => {
  const a = new AbortController();
  const b = new AbortController();
  const any = AbortSignal.any([a.signal, b.signal]);
  assertEquals(any.aborted, false);
  let fired = 0;
  any.onabort = () => fired++;
  b.abort('from b');
  assertEquals(any.aborted, true);
  assertEquals(any.reason, 'from b');
  a.abort('from a');
  assertEquals(any.reason, 'from b', 'first abort wins');
  assertEquals(fired, 1);
  assertEquals(AbortSignal.any([]).aborted, false, 'empty list');
});

test('AbortSignal.any of an aborted signal is aborted at once', () => {
  const a = new AbortController();
  const b = new AbortController();
  b.abort('b first');
  a.abort('a second');
  const any = AbortSignal.any([new AbortController().signal, a.signal, b.signal]);
  assertEquals(any.aborted, true);
  assertEquals(any.reason, 'a second', 'first aborted signal in the list');
});

test('AbortSignal.any composes and fires in order', () => {
  const controller = new AbortController();
  const signals = [controller.signal];
  signals.push(AbortSignal.any([controller.signal]));
  signals.push(AbortSignal.any([controller.signal]));
  signals.push(AbortSignal.any([signals[0]]));
  signals.push(AbortSignal.any([signals[1]]));
  let order = '';
  signals.forEach((signal, i) => signal.addEventListener('abort', () => (order += i)));
  controller.abort();
  assertEquals(order, '01234');
});

test('AbortSignal.any marks every dependent aborted before any abort event', () => {
  const controller = new AbortController();
  const first = AbortSignal.any([controller.signal]);
  const second = AbortSignal.any([first]);
  const seen = [];
  controller.signal.addEventListener('abort', () => seen.push(first.aborted, second.aborted, second.reason));
  controller.abort('why');
  assertEquals(seen.join(), 'true,true,why');
});

test('AbortSignal.any handles an abort from inside an abort listener', () => {
  const outer = new AbortController();
  const inner = new AbortController();
  const combined = AbortSignal.any([outer.signal, inner.signal]);
  inner.signal.addEventListener('abort', () => outer.abort('outer reason'));
  inner.abort('inner reason');
  assertEquals(combined.reason, 'inner reason');
  assertEquals(outer.signal.reason, 'outer reason');
});

test('AbortSignal.any validates its argument', () => {
  assertThrows(() => AbortSignal.any(), isTypeError, 'missing');
  assertThrows(() => AbortSignal.any(5), isTypeError, 'number');
  assertThrows(() => AbortSignal.any([{}]), isTypeError, 'fake signal');
  const controller = new AbortController();
  const fromSet = AbortSignal.any(new Set([controller.signal]));
  controller.abort();
  assertEquals(fromSet.aborted, true, 'any iterable');
});

test('an AbortSignal.any signal removes listeners when its source aborts', () => {
  const controller = new AbortController();
  const target = new EventTarget();
  let count = 0;
  target.addEventListener('x', () => count++, { signal: AbortSignal.any([controller.signal]) });
  target.dispatchEvent(new Event('x'));
  controller.abort();
  target.dispatchEvent(new Event('x'));
  assertEquals(count, 1);
});

test('an abort listener that throws does not break abort()', () => {
  const controller = new AbortController();
  const dependent = AbortSignal.any([controller.signal]);
  let later = false;
  controller.signal.addEventListener('abort', () => {
    throw new Error('abort listener failure (expected in this test)');
  });
  dependent.addEventListener('abort', () => (later = true));
  controller.abort();
  assertEquals(later, true);
});

// ---------------------------------------------------------------------------------------------------------------
// Web IDL shape

test('event interfaces have Web IDL shape', () => {
  const interfaces = [[DOMException, ['name', 'message', 'code']], [Event, ['type', 'target', 'preventDefault']],
    [CustomEvent, ['detail']], [EventTarget, ['addEventListener', 'removeEventListener', 'dispatchEvent']],
    [AbortController, ['signal', 'abort']], [AbortSignal, ['aborted', 'reason', 'throwIfAborted', 'onabort']]];
  for (const [ctor, members] of interfaces) {
    const desc = Object.getOwnPropertyDescriptor(globalThis, ctor.name);
    assert(desc && desc.writable && desc.configurable && !desc.enumerable, `${ctor.name} global descriptor`);
    assertEquals(ctor.prototype[Symbol.toStringTag], ctor.name, `${ctor.name} class string`);
    for (const member of members) {
      assert(Object.getOwnPropertyDescriptor(ctor.prototype, member)?.enumerable, `${ctor.name}.${member} enumerable`);
    }
  }
  for (const name of ['abort', 'timeout', 'any']) {
    assert(Object.getOwnPropertyDescriptor(AbortSignal, name).enumerable, `AbortSignal.${name} enumerable`);
  }
  assertEquals(Object.getPrototypeOf(AbortSignal.prototype), EventTarget.prototype, 'AbortSignal extends EventTarget');
  assertEquals(Object.getPrototypeOf(CustomEvent.prototype), Event.prototype, 'CustomEvent extends Event');
  assertEquals(Event.length, 1, 'Event.length');
  assertEquals(EventTarget.prototype.addEventListener.length, 2, 'addEventListener.length');
  assertEquals(DOMException.length, 0, 'DOMException.length');
  assertEquals(AbortSignal.any.length, 1, 'AbortSignal.any.length');
});

export default worker;
