// DOMException (Web IDL), and Event, CustomEvent, EventTarget, AbortController and AbortSignal (DOM Standard).
'use strict';
(function (internal) {
  const { defineInterface, requireArgs, dictionary } = internal;
  const apply = Reflect.apply;

  function isObject(value) {
    return (typeof value === 'object' && value !== null) || typeof value === 'function';
  }

  // ---------------------------------------------------------------------------------------------------------
  // DOMException

  // Legacy codes by position; names missing here have code 0.
  const CODE_NAMES = [
    '', 'IndexSizeError', '', 'HierarchyRequestError', 'WrongDocumentError', 'InvalidCharacterError', '',
    'NoModificationAllowedError', 'NotFoundError', 'NotSupportedError', 'InUseAttributeError', 'InvalidStateError',
    'SyntaxError', 'InvalidModificationError', 'NamespaceError', 'InvalidAccessError', '', 'TypeMismatchError',
    'SecurityError', 'NetworkError', 'AbortError', 'URLMismatchError', 'QuotaExceededError', 'TimeoutError',
    'InvalidNodeTypeError', 'DataCloneError',
  ];
  const CODES = new Map(CODE_NAMES.map((name, code) => [name, code]));
  CODES.delete('');
  const CODE_CONSTANTS = [
    'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR', 'INVALID_CHARACTER_ERR',
    'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR', 'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR',
    'INVALID_STATE_ERR', 'SYNTAX_ERR', 'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR',
    'VALIDATION_ERR', 'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR',
    'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR',
  ];

  // Web IDL wants DOMException.prototype to inherit from Error.prototype while DOMException itself inherits from
  // Function.prototype, which rules out `class extends Error`. Building each instance with Error as the constructor
  // still gives it [[ErrorData]] and a V8 stack trace. V8 takes the stack header's message from the construction
  // argument, so the message goes in there and its own property comes off again: Web IDL inherits it from a getter.
  const exceptionState = new WeakMap();

  function DOMException(message = '', name = 'Error') {
    if (new.target === undefined) throw new TypeError("Class constructor DOMException cannot be invoked without 'new'");
    const state = { message: `${message}`, name: `${name}` };
    const exception = Reflect.construct(Error, [state.message], new.target);
    delete exception.message;
    exceptionState.set(exception, state);
    return exception;
  }

  function exceptionOf(exception) {
    const state = exceptionState.get(exception);
    if (state === undefined) throw new TypeError('Illegal invocation');
    return state;
  }

  const exceptionMembers = {
    get name() {
      return exceptionOf(this).name;
    },
    get message() {
      return exceptionOf(this).message;
    },
    get code() {
      return CODES.get(exceptionOf(this).name) ?? 0;
    },
  };
  DOMException.prototype = Object.create(Error.prototype, {
    constructor: { value: DOMException, writable: true, configurable: true },
    ...Object.getOwnPropertyDescriptors(exceptionMembers),
  });
  Object.defineProperty(DOMException, 'prototype', { writable: false });

  defineInterface(DOMException);
  CODE_CONSTANTS.forEach((constant, i) => {
    const desc = { value: i + 1, enumerable: true, writable: false, configurable: false };
    Object.defineProperty(DOMException, constant, desc);
    Object.defineProperty(DOMException.prototype, constant, desc);
  });
  internal.DOMException = DOMException;

  // ---------------------------------------------------------------------------------------------------------
  // Event

  const NONE = 0;
  const AT_TARGET = 2;
  const PHASES = { NONE, CAPTURING_PHASE: 1, AT_TARGET, BUBBLING_PHASE: 3 };

  // The state record of an Event, or undefined for anything else.
  let eventState;
  // isTrusted is [LegacyUnforgeable]: an own accessor on every event, all sharing one getter.
  let isTrustedProperty;

  class Event {
    #s;

    constructor(type, eventInitDict = undefined) {
      requireArgs(arguments.length, 1, "Failed to construct 'Event'");
      const typeString = `${type}`;
      const init = dictionary(eventInitDict, "Failed to construct 'Event'");
      this.#s = {
        type: typeString,
        bubbles: !!init.bubbles,
        cancelable: !!init.cancelable,
        composed: !!init.composed,
        target: null,
        currentTarget: null,
        phase: NONE,
        trusted: false,
        canceled: false,
        stopPropagation: false,
        stopImmediatePropagation: false,
        inPassiveListener: false,
        dispatching: false,
        // Workers have no time origin of their own; like workerd's performance.now(), this counts from the epoch.
        timeStamp: Date.now(),
      };
      Object.defineProperty(this, 'isTrusted', isTrustedProperty);
    }

    static {
      eventState = (event) => (isObject(event) && #s in event ? event.#s : undefined);
      const { get } = Object.getOwnPropertyDescriptor({
        get isTrusted() {
          return this.#s.trusted;
        },
      }, 'isTrusted');
      isTrustedProperty = { get, enumerable: true, configurable: false };
    }

    get type() {
      return this.#s.type;
    }

    get target() {
      return this.#s.target;
    }

    get srcElement() {
      return this.#s.target;
    }

    get currentTarget() {
      return this.#s.currentTarget;
    }

    composedPath() {
      const s = this.#s;
      return s.dispatching ? [s.currentTarget] : [];
    }

    get eventPhase() {
      return this.#s.phase;
    }

    stopPropagation() {
      this.#s.stopPropagation = true;
    }

    get cancelBubble() {
      return this.#s.stopPropagation;
    }

    set cancelBubble(value) {
      if (value) this.#s.stopPropagation = true;
    }

    stopImmediatePropagation() {
      const s = this.#s;
      s.stopPropagation = true;
      s.stopImmediatePropagation = true;
    }

    get bubbles() {
      return this.#s.bubbles;
    }

    get cancelable() {
      return this.#s.cancelable;
    }

    get returnValue() {
      return !this.#s.canceled;
    }

    set returnValue(value) {
      if (!value) cancel(this.#s);
    }

    preventDefault() {
      cancel(this.#s);
    }

    get defaultPrevented() {
      return this.#s.canceled;
    }

    get composed() {
      return this.#s.composed;
    }

    get timeStamp() {
      return this.#s.timeStamp;
    }
  }

  function cancel(s) {
    if (s.cancelable && !s.inPassiveListener) s.canceled = true;
  }

  defineInterface(Event);
  for (const [name, value] of Object.entries(PHASES)) {
    const desc = { value, enumerable: true, writable: false, configurable: false };
    Object.defineProperty(Event, name, desc);
    Object.defineProperty(Event.prototype, name, desc);
  }

  class CustomEvent extends Event {
    #detail;

    constructor(type, eventInitDict = undefined) {
      requireArgs(arguments.length, 1, "Failed to construct 'CustomEvent'");
      super(type, eventInitDict);
      this.#detail = eventInitDict?.detail ?? null;
    }

    get detail() {
      return this.#detail;
    }
  }

  defineInterface(CustomEvent);

  // ---------------------------------------------------------------------------------------------------------
  // EventTarget

  // The state record of an EventTarget; throws TypeError for anything else.
  let targetState;
  // The AbortSignal state record, or undefined; set once AbortSignal is defined below.
  let abortState;

  class EventTarget {
    // listeners: type -> listener records in order; self: what events see as their target; handlers: type ->
    // the event handler attribute's value and listener.
    #s = { listeners: null, self: this, handlers: null };

    static {
      targetState = (target) => {
        if (!isObject(target) || !(#s in target)) throw new TypeError('Illegal invocation');
        return target.#s;
      };
    }

    addEventListener(type, callback, options = undefined) {
      const s = this.#s;
      requireArgs(arguments.length, 2, "Failed to execute 'addEventListener' on 'EventTarget'");
      const typeString = `${type}`;
      checkCallback(callback, 'addEventListener');
      let capture = false;
      let once = false;
      let passive = false;
      let signal = null;
      if (options === undefined || options === null || isObject(options)) {
        const init = options ?? {};
        capture = !!init.capture;
        once = !!init.once;
        passive = !!init.passive;
        const signalOption = init.signal;
        if (signalOption !== undefined) {
          if (abortState(signalOption) === undefined) {
            throw new TypeError(
              "Failed to execute 'addEventListener' on 'EventTarget': member signal is not of type 'AbortSignal'.");
          }
          signal = signalOption;
        }
      } else {
        capture = !!options;
      }
      if (signal !== null && abortState(signal).reason !== undefined) return;
      if (callback === null || callback === undefined) return;
      addListener(s, typeString, callback, capture, once, passive, signal);
    }

    removeEventListener(type, callback, options = undefined) {
      const s = this.#s;
      requireArgs(arguments.length, 2, "Failed to execute 'removeEventListener' on 'EventTarget'");
      const typeString = `${type}`;
      checkCallback(callback, 'removeEventListener');
      const capture = isObject(options) ? !!options.capture : !!options;
      const list = s.listeners?.get(typeString);
      if (list === undefined || callback === null || callback === undefined) return;
      const listener = list.find((l) => l.callback === callback && l.capture === capture);
      if (listener !== undefined) removeListener(s, typeString, listener);
    }

    dispatchEvent(event) {
      const s = this.#s;
      requireArgs(arguments.length, 1, "Failed to execute 'dispatchEvent' on 'EventTarget'");
      const es = eventState(event);
      if (es === undefined) {
        throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      }
      return dispatch(s, es, event, false, report);
    }
  }

  function checkCallback(callback, what) {
    if (callback !== null && callback !== undefined && !isObject(callback)) {
      throw new TypeError(`Failed to execute '${what}' on 'EventTarget': parameter 2 is not of type 'Object'.`);
    }
  }

  function addListener(s, type, callback, capture, once, passive, signal) {
    const listeners = (s.listeners ??= new Map());
    let list = listeners.get(type);
    if (list === undefined) listeners.set(type, (list = []));
    else if (list.some((l) => l.callback === callback && l.capture === capture)) return null;
    const listener = { callback, capture, once, passive, removed: false, signal, onAbort: null };
    list.push(listener);
    if (signal !== null) {
      listener.onAbort = () => removeListener(s, type, listener);
      addAbortAlgorithm(signal, listener.onAbort);
    }
    return listener;
  }

  function removeListener(s, type, listener) {
    if (listener.removed) return;
    listener.removed = true;
    const list = s.listeners.get(type);
    list.splice(list.indexOf(listener), 1);
    // The spec leaves the abort algorithm in place; dropping it keeps a long-lived signal from holding listeners.
    if (listener.signal !== null) removeAbortAlgorithm(listener.signal, listener.onAbort);
  }

  /** The spec's "report an exception", looked up on each use so that the runtime can replace it. */
  function report(error) {
    internal.events.reportException(error);
  }

  /**
   * Dispatches an event at a lone target: with no tree, the target's capture listeners run and then its others,
   * all at AT_TARGET. A listener's exception goes to onError, and the remaining listeners still run.
   */
  function dispatch(s, es, event, trusted, onError) {
    if (es.dispatching) {
      throw new DOMException('The event is already being dispatched.', 'InvalidStateError');
    }
    es.trusted = trusted;
    es.dispatching = true;
    es.target = s.self;
    es.phase = AT_TARGET;
    try {
      const list = s.listeners?.get(es.type);
      if (list !== undefined && list.length > 0) {
        invoke(s, es, event, list, true, onError);
        invoke(s, es, event, list, false, onError);
      }
    } finally {
      es.phase = NONE;
      es.currentTarget = null;
      es.dispatching = false;
      es.stopPropagation = false;
      es.stopImmediatePropagation = false;
      es.inPassiveListener = false;
    }
    return !es.canceled;
  }

  // stopPropagation() only keeps an event from further targets, and a lone target has none, while
  // stopImmediatePropagation() stops the listeners, even when called before the dispatch: the WPT EventTarget tests
  // expect both, as browsers do.
  function invoke(s, es, event, list, capture, onError) {
    es.currentTarget = s.self;
    // Listeners added during the dispatch wait for the next one; removed ones are skipped by their flag.
    for (const listener of list.slice()) {
      if (es.stopImmediatePropagation) return;
      if (listener.removed || listener.capture !== capture) continue;
      if (listener.once) removeListener(s, es.type, listener);
      es.inPassiveListener = listener.passive;
      try {
        const callback = listener.callback;
        if (typeof callback === 'function') {
          apply(callback, s.self, [event]);
        } else {
          const handleEvent = callback.handleEvent;
          if (typeof handleEvent !== 'function') throw new TypeError("The listener's handleEvent is not a function.");
          apply(handleEvent, callback, [event]);
        }
      } catch (error) {
        onError(error);
      }
      es.inPassiveListener = false;
    }
  }

  /**
   * Defines the event handler IDL attribute `on<type>` on an EventTarget prototype. Setting a handler registers
   * one listener that keeps its place while the handler is replaced, until it is set to null.
   */
  function defineEventHandler(proto, type) {
    Object.defineProperty(proto, `on${type}`, {
      get() {
        return targetState(this).handlers?.get(type)?.value ?? null;
      },
      set(value) {
        const s = targetState(this);
        const handlers = (s.handlers ??= new Map());
        const handler = handlers.get(type);
        if (!isObject(value)) {
          if (handler !== undefined) {
            handlers.delete(type);
            removeListener(s, type, handler.listener);
          }
        } else if (handler !== undefined) {
          handler.value = value;
        } else {
          const entry = { value, listener: null };
          entry.listener = addListener(s, type, function (event) {
            const fn = entry.value;
            // A non-callable object is kept as the value but does nothing, per [LegacyTreatNonObjectAsNull].
            if (typeof fn === 'function' && apply(fn, this, [event]) === false) cancel(eventState(event));
          }, false, false, false, null);
          handlers.set(type, entry);
        }
      },
      enumerable: true,
      configurable: true,
    });
  }

  defineInterface(EventTarget);

  // ---------------------------------------------------------------------------------------------------------
  // AbortSignal, AbortController

  const CONSTRUCT = Symbol('construct');
  let signalAbort;

  class AbortSignal extends EventTarget {
    // reason: undefined until aborted; algorithms: the abort algorithms; dependents and sources: the links
    // AbortSignal.any() makes; dependent: whether any() made this signal.
    #a = { reason: undefined, algorithms: null, dependents: null, sources: null, dependent: false };

    constructor() {
      if (arguments[0] !== CONSTRUCT) throw new TypeError('Illegal constructor');
      super();
    }

    static {
      abortState = (signal) => (isObject(signal) && #a in signal ? signal.#a : undefined);

      const runAbortSteps = (signal) => {
        const a = signal.#a;
        // An aborted signal needs no sources, and its sources no longer need to reach it.
        if (a.sources !== null) {
          for (const source of a.sources) source.#a.dependents?.delete(signal);
          a.sources = null;
        }
        const algorithms = a.algorithms;
        a.algorithms = null;
        if (algorithms !== null) for (const algorithm of algorithms) algorithm();
        const event = new Event('abort');
        dispatch(targetState(signal), eventState(event), event, true, report);
      };

      signalAbort = (signal, reason) => {
        const a = signal.#a;
        if (a.reason !== undefined) return;
        a.reason = reason === undefined ? new DOMException('The operation was aborted', 'AbortError') : reason;
        const dependents = [];
        if (a.dependents !== null) {
          for (const dependent of a.dependents) {
            const d = dependent.#a;
            if (d.reason === undefined) {
              d.reason = a.reason;
              dependents.push(dependent);
            }
          }
          a.dependents = null;
        }
        runAbortSteps(signal);
        for (const dependent of dependents) runAbortSteps(dependent);
      };
    }

    static abort(reason = undefined) {
      const signal = new AbortSignal(CONSTRUCT);
      signal.#a.reason = reason === undefined ? new DOMException('The operation was aborted', 'AbortError') : reason;
      return signal;
    }

    static timeout(milliseconds) {
      requireArgs(arguments.length, 1, "Failed to execute 'timeout' on 'AbortSignal'");
      const ms = +milliseconds;
      // [EnforceRange] unsigned long long
      if (!Number.isFinite(ms) || Math.trunc(ms) < 0 || Math.trunc(ms) > Number.MAX_SAFE_INTEGER) {
        throw new TypeError(`Failed to execute 'timeout' on 'AbortSignal': ${ms} is outside the accepted range.`);
      }
      const signal = new AbortSignal(CONSTRUCT);
      internal.timers.set(() => {
        signalAbort(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      }, Math.trunc(ms));
      return signal;
    }

    static any(signals) {
      requireArgs(arguments.length, 1, "Failed to execute 'any' on 'AbortSignal'");
      if (!isObject(signals) || typeof signals[Symbol.iterator] !== 'function') {
        throw new TypeError("Failed to execute 'any' on 'AbortSignal': the argument is not iterable.");
      }
      const list = [];
      for (const signal of signals) {
        if (abortState(signal) === undefined) {
          throw new TypeError("Failed to execute 'any' on 'AbortSignal': Failed to convert value to 'AbortSignal'.");
        }
        list.push(signal);
      }
      const result = new AbortSignal(CONSTRUCT);
      const r = result.#a;
      for (const signal of list) {
        if (signal.#a.reason !== undefined) {
          r.reason = signal.#a.reason;
          return result;
        }
      }
      r.dependent = true;
      r.sources = new Set();
      for (const signal of list) {
        const a = signal.#a;
        for (const source of a.dependent ? a.sources : [signal]) {
          r.sources.add(source);
          (source.#a.dependents ??= new Set()).add(result);
        }
      }
      return result;
    }

    get aborted() {
      return this.#a.reason !== undefined;
    }

    get reason() {
      return this.#a.reason;
    }

    throwIfAborted() {
      const reason = this.#a.reason;
      if (reason !== undefined) throw reason;
    }
  }

  function addAbortAlgorithm(signal, algorithm) {
    const a = abortState(signal);
    if (a.reason === undefined) (a.algorithms ??= new Set()).add(algorithm);
  }

  function removeAbortAlgorithm(signal, algorithm) {
    abortState(signal).algorithms?.delete(algorithm);
  }

  defineEventHandler(AbortSignal.prototype, 'abort');
  defineInterface(AbortSignal);

  class AbortController {
    #signal = new AbortSignal(CONSTRUCT);

    get signal() {
      return this.#signal;
    }

    abort(reason = undefined) {
      signalAbort(this.#signal, reason);
    }
  }

  defineInterface(AbortController);

  // ---------------------------------------------------------------------------------------------------------
  // The global scope as an EventTarget, for service-worker syntax. Its listeners live in an internal target
  // whose events name globalThis as their target.

  const globalTarget = new EventTarget();
  targetState(globalTarget).self = globalThis;
  const { addEventListener: add, removeEventListener: remove, dispatchEvent: fire } = EventTarget.prototype;
  const globalMethods = {
    addEventListener(type, callback) {
      return apply(add, globalTarget, arguments);
    },
    removeEventListener(type, callback) {
      return apply(remove, globalTarget, arguments);
    },
    dispatchEvent(event) {
      return apply(fire, globalTarget, arguments);
    },
  };
  for (const name of Object.keys(globalMethods)) internal.defineGlobal(name, globalMethods[name]);

  internal.events = {
    /** The EventTarget behind globalThis.addEventListener and friends. */
    globalTarget,

    /** The event types a target has listeners for. */
    listenedTypes(target) {
      const listeners = targetState(target).listeners;
      return listeners === null ? [] : [...listeners.keys()].filter((type) => listeners.get(type).length > 0);
    },

    /**
     * Fires a trusted event at an EventTarget, bypassing any user override of dispatchEvent. Returns false if a
     * listener canceled it. Unlike dispatchEvent, it throws the first exception a listener threw once all have
     * run, as workerd fails a request whose fetch listener throws; any further ones are reported.
     */
    dispatch(target, event) {
      const es = eventState(event);
      if (es === undefined) throw new TypeError('Not an Event');
      let failure = null;
      const notCanceled = dispatch(targetState(target), es, event, true, (error) => {
        if (failure === null) failure = { error };
        else report(error);
      });
      if (failure !== null) throw failure.error;
      return notCanceled;
    },

    /**
     * Receives the exceptions listeners throw during dispatchEvent and abort events. Throwing it from a rejected
     * promise lets the host see it as an unhandled rejection; the runtime may replace this to log it its own way.
     */
    reportException(error) {
      Promise.reject(error);
    },

    defineEventHandler,

    /** Runs `algorithm` when the signal aborts, before its abort event fires. */
    addAbortAlgorithm,

    removeAbortAlgorithm,
  };
})(globalThis.__corralInternal);
