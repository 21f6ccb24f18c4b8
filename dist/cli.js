#!/usr/bin/env node
import { createRequire as __layerdiffCreateRequire } from 'node:module';
const require = __layerdiffCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/ajv/dist/compile/codegen/code.js
var require_code = __commonJS({
  "node_modules/ajv/dist/compile/codegen/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
    var _CodeOrName = class {
    };
    exports._CodeOrName = _CodeOrName;
    exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
    var Name = class extends _CodeOrName {
      constructor(s) {
        super();
        if (!exports.IDENTIFIER.test(s))
          throw new Error("CodeGen: name must be a valid identifier");
        this.str = s;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        return false;
      }
      get names() {
        return { [this.str]: 1 };
      }
    };
    exports.Name = Name;
    var _Code = class extends _CodeOrName {
      constructor(code) {
        super();
        this._items = typeof code === "string" ? [code] : code;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        if (this._items.length > 1)
          return false;
        const item = this._items[0];
        return item === "" || item === '""';
      }
      get str() {
        var _a;
        return (_a = this._str) !== null && _a !== void 0 ? _a : this._str = this._items.reduce((s, c) => `${s}${c}`, "");
      }
      get names() {
        var _a;
        return (_a = this._names) !== null && _a !== void 0 ? _a : this._names = this._items.reduce((names, c) => {
          if (c instanceof Name)
            names[c.str] = (names[c.str] || 0) + 1;
          return names;
        }, {});
      }
    };
    exports._Code = _Code;
    exports.nil = new _Code("");
    function _(strs, ...args) {
      const code = [strs[0]];
      let i = 0;
      while (i < args.length) {
        addCodeArg(code, args[i]);
        code.push(strs[++i]);
      }
      return new _Code(code);
    }
    exports._ = _;
    var plus = new _Code("+");
    function str(strs, ...args) {
      const expr = [safeStringify(strs[0])];
      let i = 0;
      while (i < args.length) {
        expr.push(plus);
        addCodeArg(expr, args[i]);
        expr.push(plus, safeStringify(strs[++i]));
      }
      optimize(expr);
      return new _Code(expr);
    }
    exports.str = str;
    function addCodeArg(code, arg) {
      if (arg instanceof _Code)
        code.push(...arg._items);
      else if (arg instanceof Name)
        code.push(arg);
      else
        code.push(interpolate(arg));
    }
    exports.addCodeArg = addCodeArg;
    function optimize(expr) {
      let i = 1;
      while (i < expr.length - 1) {
        if (expr[i] === plus) {
          const res = mergeExprItems(expr[i - 1], expr[i + 1]);
          if (res !== void 0) {
            expr.splice(i - 1, 3, res);
            continue;
          }
          expr[i++] = "+";
        }
        i++;
      }
    }
    function mergeExprItems(a, b) {
      if (b === '""')
        return a;
      if (a === '""')
        return b;
      if (typeof a == "string") {
        if (b instanceof Name || a[a.length - 1] !== '"')
          return;
        if (typeof b != "string")
          return `${a.slice(0, -1)}${b}"`;
        if (b[0] === '"')
          return a.slice(0, -1) + b.slice(1);
        return;
      }
      if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
        return `"${a}${b.slice(1)}`;
      return;
    }
    function strConcat(c1, c2) {
      return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str`${c1}${c2}`;
    }
    exports.strConcat = strConcat;
    function interpolate(x) {
      return typeof x == "number" || typeof x == "boolean" || x === null ? x : safeStringify(Array.isArray(x) ? x.join(",") : x);
    }
    function stringify(x) {
      return new _Code(safeStringify(x));
    }
    exports.stringify = stringify;
    function safeStringify(x) {
      return JSON.stringify(x).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
    }
    exports.safeStringify = safeStringify;
    function getProperty(key) {
      return typeof key == "string" && exports.IDENTIFIER.test(key) ? new _Code(`.${key}`) : _`[${key}]`;
    }
    exports.getProperty = getProperty;
    function getEsmExportName(key) {
      if (typeof key == "string" && exports.IDENTIFIER.test(key)) {
        return new _Code(`${key}`);
      }
      throw new Error(`CodeGen: invalid export name: ${key}, use explicit $id name mapping`);
    }
    exports.getEsmExportName = getEsmExportName;
    function regexpCode(rx) {
      return new _Code(rx.toString());
    }
    exports.regexpCode = regexpCode;
  }
});

// node_modules/ajv/dist/compile/codegen/scope.js
var require_scope = __commonJS({
  "node_modules/ajv/dist/compile/codegen/scope.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
    var code_1 = require_code();
    var ValueError = class extends Error {
      constructor(name) {
        super(`CodeGen: "code" for ${name} not defined`);
        this.value = name.value;
      }
    };
    var UsedValueState;
    (function(UsedValueState2) {
      UsedValueState2[UsedValueState2["Started"] = 0] = "Started";
      UsedValueState2[UsedValueState2["Completed"] = 1] = "Completed";
    })(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
    exports.varKinds = {
      const: new code_1.Name("const"),
      let: new code_1.Name("let"),
      var: new code_1.Name("var")
    };
    var Scope = class {
      constructor({ prefixes, parent } = {}) {
        this._names = {};
        this._prefixes = prefixes;
        this._parent = parent;
      }
      toName(nameOrPrefix) {
        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
      }
      name(prefix) {
        return new code_1.Name(this._newName(prefix));
      }
      _newName(prefix) {
        const ng = this._names[prefix] || this._nameGroup(prefix);
        return `${prefix}${ng.index++}`;
      }
      _nameGroup(prefix) {
        var _a, _b;
        if (((_b = (_a = this._parent) === null || _a === void 0 ? void 0 : _a._prefixes) === null || _b === void 0 ? void 0 : _b.has(prefix)) || this._prefixes && !this._prefixes.has(prefix)) {
          throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
        }
        return this._names[prefix] = { prefix, index: 0 };
      }
    };
    exports.Scope = Scope;
    var ValueScopeName = class extends code_1.Name {
      constructor(prefix, nameStr) {
        super(nameStr);
        this.prefix = prefix;
      }
      setValue(value, { property, itemIndex }) {
        this.value = value;
        this.scopePath = (0, code_1._)`.${new code_1.Name(property)}[${itemIndex}]`;
      }
    };
    exports.ValueScopeName = ValueScopeName;
    var line = (0, code_1._)`\n`;
    var ValueScope = class extends Scope {
      constructor(opts) {
        super(opts);
        this._values = {};
        this._scope = opts.scope;
        this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
      }
      get() {
        return this._scope;
      }
      name(prefix) {
        return new ValueScopeName(prefix, this._newName(prefix));
      }
      value(nameOrPrefix, value) {
        var _a;
        if (value.ref === void 0)
          throw new Error("CodeGen: ref must be passed in value");
        const name = this.toName(nameOrPrefix);
        const { prefix } = name;
        const valueKey = (_a = value.key) !== null && _a !== void 0 ? _a : value.ref;
        let vs = this._values[prefix];
        if (vs) {
          const _name = vs.get(valueKey);
          if (_name)
            return _name;
        } else {
          vs = this._values[prefix] = /* @__PURE__ */ new Map();
        }
        vs.set(valueKey, name);
        const s = this._scope[prefix] || (this._scope[prefix] = []);
        const itemIndex = s.length;
        s[itemIndex] = value.ref;
        name.setValue(value, { property: prefix, itemIndex });
        return name;
      }
      getValue(prefix, keyOrRef) {
        const vs = this._values[prefix];
        if (!vs)
          return;
        return vs.get(keyOrRef);
      }
      scopeRefs(scopeName, values = this._values) {
        return this._reduceValues(values, (name) => {
          if (name.scopePath === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return (0, code_1._)`${scopeName}${name.scopePath}`;
        });
      }
      scopeCode(values = this._values, usedValues, getCode) {
        return this._reduceValues(values, (name) => {
          if (name.value === void 0)
            throw new Error(`CodeGen: name "${name}" has no value`);
          return name.value.code;
        }, usedValues, getCode);
      }
      _reduceValues(values, valueCode, usedValues = {}, getCode) {
        let code = code_1.nil;
        for (const prefix in values) {
          const vs = values[prefix];
          if (!vs)
            continue;
          const nameSet = usedValues[prefix] = usedValues[prefix] || /* @__PURE__ */ new Map();
          vs.forEach((name) => {
            if (nameSet.has(name))
              return;
            nameSet.set(name, UsedValueState.Started);
            let c = valueCode(name);
            if (c) {
              const def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
              code = (0, code_1._)`${code}${def} ${name} = ${c};${this.opts._n}`;
            } else if (c = getCode === null || getCode === void 0 ? void 0 : getCode(name)) {
              code = (0, code_1._)`${code}${c}${this.opts._n}`;
            } else {
              throw new ValueError(name);
            }
            nameSet.set(name, UsedValueState.Completed);
          });
        }
        return code;
      }
    };
    exports.ValueScope = ValueScope;
  }
});

// node_modules/ajv/dist/compile/codegen/index.js
var require_codegen = __commonJS({
  "node_modules/ajv/dist/compile/codegen/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
    var code_1 = require_code();
    var scope_1 = require_scope();
    var code_2 = require_code();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return code_2._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return code_2.str;
    } });
    Object.defineProperty(exports, "strConcat", { enumerable: true, get: function() {
      return code_2.strConcat;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return code_2.nil;
    } });
    Object.defineProperty(exports, "getProperty", { enumerable: true, get: function() {
      return code_2.getProperty;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return code_2.stringify;
    } });
    Object.defineProperty(exports, "regexpCode", { enumerable: true, get: function() {
      return code_2.regexpCode;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return code_2.Name;
    } });
    var scope_2 = require_scope();
    Object.defineProperty(exports, "Scope", { enumerable: true, get: function() {
      return scope_2.Scope;
    } });
    Object.defineProperty(exports, "ValueScope", { enumerable: true, get: function() {
      return scope_2.ValueScope;
    } });
    Object.defineProperty(exports, "ValueScopeName", { enumerable: true, get: function() {
      return scope_2.ValueScopeName;
    } });
    Object.defineProperty(exports, "varKinds", { enumerable: true, get: function() {
      return scope_2.varKinds;
    } });
    exports.operators = {
      GT: new code_1._Code(">"),
      GTE: new code_1._Code(">="),
      LT: new code_1._Code("<"),
      LTE: new code_1._Code("<="),
      EQ: new code_1._Code("==="),
      NEQ: new code_1._Code("!=="),
      NOT: new code_1._Code("!"),
      OR: new code_1._Code("||"),
      AND: new code_1._Code("&&"),
      ADD: new code_1._Code("+")
    };
    var Node = class {
      optimizeNodes() {
        return this;
      }
      optimizeNames(_names, _constants) {
        return this;
      }
    };
    var Def = class extends Node {
      constructor(varKind, name, rhs) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.rhs = rhs;
      }
      render({ es5, _n }) {
        const varKind = es5 ? scope_1.varKinds.var : this.varKind;
        const rhs = this.rhs === void 0 ? "" : ` = ${this.rhs}`;
        return `${varKind} ${this.name}${rhs};` + _n;
      }
      optimizeNames(names, constants2) {
        if (!names[this.name.str])
          return;
        if (this.rhs)
          this.rhs = optimizeExpr(this.rhs, names, constants2);
        return this;
      }
      get names() {
        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
      }
    };
    var Assign = class extends Node {
      constructor(lhs, rhs, sideEffects) {
        super();
        this.lhs = lhs;
        this.rhs = rhs;
        this.sideEffects = sideEffects;
      }
      render({ _n }) {
        return `${this.lhs} = ${this.rhs};` + _n;
      }
      optimizeNames(names, constants2) {
        if (this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects)
          return;
        this.rhs = optimizeExpr(this.rhs, names, constants2);
        return this;
      }
      get names() {
        const names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
        return addExprNames(names, this.rhs);
      }
    };
    var AssignOp = class extends Assign {
      constructor(lhs, op, rhs, sideEffects) {
        super(lhs, rhs, sideEffects);
        this.op = op;
      }
      render({ _n }) {
        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
      }
    };
    var Label = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        return `${this.label}:` + _n;
      }
    };
    var Break = class extends Node {
      constructor(label) {
        super();
        this.label = label;
        this.names = {};
      }
      render({ _n }) {
        const label = this.label ? ` ${this.label}` : "";
        return `break${label};` + _n;
      }
    };
    var Throw = class extends Node {
      constructor(error) {
        super();
        this.error = error;
      }
      render({ _n }) {
        return `throw ${this.error};` + _n;
      }
      get names() {
        return this.error.names;
      }
    };
    var AnyCode = class extends Node {
      constructor(code) {
        super();
        this.code = code;
      }
      render({ _n }) {
        return `${this.code};` + _n;
      }
      optimizeNodes() {
        return `${this.code}` ? this : void 0;
      }
      optimizeNames(names, constants2) {
        this.code = optimizeExpr(this.code, names, constants2);
        return this;
      }
      get names() {
        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
      }
    };
    var ParentNode = class extends Node {
      constructor(nodes = []) {
        super();
        this.nodes = nodes;
      }
      render(opts) {
        return this.nodes.reduce((code, n) => code + n.render(opts), "");
      }
      optimizeNodes() {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i].optimizeNodes();
          if (Array.isArray(n))
            nodes.splice(i, 1, ...n);
          else if (n)
            nodes[i] = n;
          else
            nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      optimizeNames(names, constants2) {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
          const n = nodes[i];
          if (n.optimizeNames(names, constants2))
            continue;
          subtractNames(names, n.names);
          nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      get names() {
        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
      }
    };
    var BlockNode = class extends ParentNode {
      render(opts) {
        return "{" + opts._n + super.render(opts) + "}" + opts._n;
      }
    };
    var Root = class extends ParentNode {
    };
    var Else = class extends BlockNode {
    };
    Else.kind = "else";
    var If = class _If extends BlockNode {
      constructor(condition, nodes) {
        super(nodes);
        this.condition = condition;
      }
      render(opts) {
        let code = `if(${this.condition})` + super.render(opts);
        if (this.else)
          code += "else " + this.else.render(opts);
        return code;
      }
      optimizeNodes() {
        super.optimizeNodes();
        const cond = this.condition;
        if (cond === true)
          return this.nodes;
        let e = this.else;
        if (e) {
          const ns = e.optimizeNodes();
          e = this.else = Array.isArray(ns) ? new Else(ns) : ns;
        }
        if (e) {
          if (cond === false)
            return e instanceof _If ? e : e.nodes;
          if (this.nodes.length)
            return this;
          return new _If(not(cond), e instanceof _If ? [e] : e.nodes);
        }
        if (cond === false || !this.nodes.length)
          return void 0;
        return this;
      }
      optimizeNames(names, constants2) {
        var _a;
        this.else = (_a = this.else) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants2);
        if (!(super.optimizeNames(names, constants2) || this.else))
          return;
        this.condition = optimizeExpr(this.condition, names, constants2);
        return this;
      }
      get names() {
        const names = super.names;
        addExprNames(names, this.condition);
        if (this.else)
          addNames(names, this.else.names);
        return names;
      }
    };
    If.kind = "if";
    var For = class extends BlockNode {
    };
    For.kind = "for";
    var ForLoop = class extends For {
      constructor(iteration) {
        super();
        this.iteration = iteration;
      }
      render(opts) {
        return `for(${this.iteration})` + super.render(opts);
      }
      optimizeNames(names, constants2) {
        if (!super.optimizeNames(names, constants2))
          return;
        this.iteration = optimizeExpr(this.iteration, names, constants2);
        return this;
      }
      get names() {
        return addNames(super.names, this.iteration.names);
      }
    };
    var ForRange = class extends For {
      constructor(varKind, name, from, to) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.from = from;
        this.to = to;
      }
      render(opts) {
        const varKind = opts.es5 ? scope_1.varKinds.var : this.varKind;
        const { name, from, to } = this;
        return `for(${varKind} ${name}=${from}; ${name}<${to}; ${name}++)` + super.render(opts);
      }
      get names() {
        const names = addExprNames(super.names, this.from);
        return addExprNames(names, this.to);
      }
    };
    var ForIter = class extends For {
      constructor(loop, varKind, name, iterable) {
        super();
        this.loop = loop;
        this.varKind = varKind;
        this.name = name;
        this.iterable = iterable;
      }
      render(opts) {
        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
      }
      optimizeNames(names, constants2) {
        if (!super.optimizeNames(names, constants2))
          return;
        this.iterable = optimizeExpr(this.iterable, names, constants2);
        return this;
      }
      get names() {
        return addNames(super.names, this.iterable.names);
      }
    };
    var Func = class extends BlockNode {
      constructor(name, args, async) {
        super();
        this.name = name;
        this.args = args;
        this.async = async;
      }
      render(opts) {
        const _async = this.async ? "async " : "";
        return `${_async}function ${this.name}(${this.args})` + super.render(opts);
      }
    };
    Func.kind = "func";
    var Return = class extends ParentNode {
      render(opts) {
        return "return " + super.render(opts);
      }
    };
    Return.kind = "return";
    var Try = class extends BlockNode {
      render(opts) {
        let code = "try" + super.render(opts);
        if (this.catch)
          code += this.catch.render(opts);
        if (this.finally)
          code += this.finally.render(opts);
        return code;
      }
      optimizeNodes() {
        var _a, _b;
        super.optimizeNodes();
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNodes();
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNodes();
        return this;
      }
      optimizeNames(names, constants2) {
        var _a, _b;
        super.optimizeNames(names, constants2);
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants2);
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNames(names, constants2);
        return this;
      }
      get names() {
        const names = super.names;
        if (this.catch)
          addNames(names, this.catch.names);
        if (this.finally)
          addNames(names, this.finally.names);
        return names;
      }
    };
    var Catch = class extends BlockNode {
      constructor(error) {
        super();
        this.error = error;
      }
      render(opts) {
        return `catch(${this.error})` + super.render(opts);
      }
    };
    Catch.kind = "catch";
    var Finally = class extends BlockNode {
      render(opts) {
        return "finally" + super.render(opts);
      }
    };
    Finally.kind = "finally";
    var CodeGen = class {
      constructor(extScope, opts = {}) {
        this._values = {};
        this._blockStarts = [];
        this._constants = {};
        this.opts = { ...opts, _n: opts.lines ? "\n" : "" };
        this._extScope = extScope;
        this._scope = new scope_1.Scope({ parent: extScope });
        this._nodes = [new Root()];
      }
      toString() {
        return this._root.render(this.opts);
      }
      // returns unique name in the internal scope
      name(prefix) {
        return this._scope.name(prefix);
      }
      // reserves unique name in the external scope
      scopeName(prefix) {
        return this._extScope.name(prefix);
      }
      // reserves unique name in the external scope and assigns value to it
      scopeValue(prefixOrName, value) {
        const name = this._extScope.value(prefixOrName, value);
        const vs = this._values[name.prefix] || (this._values[name.prefix] = /* @__PURE__ */ new Set());
        vs.add(name);
        return name;
      }
      getScopeValue(prefix, keyOrRef) {
        return this._extScope.getValue(prefix, keyOrRef);
      }
      // return code that assigns values in the external scope to the names that are used internally
      // (same names that were returned by gen.scopeName or gen.scopeValue)
      scopeRefs(scopeName) {
        return this._extScope.scopeRefs(scopeName, this._values);
      }
      scopeCode() {
        return this._extScope.scopeCode(this._values);
      }
      _def(varKind, nameOrPrefix, rhs, constant) {
        const name = this._scope.toName(nameOrPrefix);
        if (rhs !== void 0 && constant)
          this._constants[name.str] = rhs;
        this._leafNode(new Def(varKind, name, rhs));
        return name;
      }
      // `const` declaration (`var` in es5 mode)
      const(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
      }
      // `let` declaration with optional assignment (`var` in es5 mode)
      let(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
      }
      // `var` declaration with optional assignment
      var(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
      }
      // assignment code
      assign(lhs, rhs, sideEffects) {
        return this._leafNode(new Assign(lhs, rhs, sideEffects));
      }
      // `+=` code
      add(lhs, rhs) {
        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
      }
      // appends passed SafeExpr to code or executes Block
      code(c) {
        if (typeof c == "function")
          c();
        else if (c !== code_1.nil)
          this._leafNode(new AnyCode(c));
        return this;
      }
      // returns code for object literal for the passed argument list of key-value pairs
      object(...keyValues) {
        const code = ["{"];
        for (const [key, value] of keyValues) {
          if (code.length > 1)
            code.push(",");
          code.push(key);
          if (key !== value || this.opts.es5) {
            code.push(":");
            (0, code_1.addCodeArg)(code, value);
          }
        }
        code.push("}");
        return new code_1._Code(code);
      }
      // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
      if(condition, thenBody, elseBody) {
        this._blockNode(new If(condition));
        if (thenBody && elseBody) {
          this.code(thenBody).else().code(elseBody).endIf();
        } else if (thenBody) {
          this.code(thenBody).endIf();
        } else if (elseBody) {
          throw new Error('CodeGen: "else" body without "then" body');
        }
        return this;
      }
      // `else if` clause - invalid without `if` or after `else` clauses
      elseIf(condition) {
        return this._elseNode(new If(condition));
      }
      // `else` clause - only valid after `if` or `else if` clauses
      else() {
        return this._elseNode(new Else());
      }
      // end `if` statement (needed if gen.if was used only with condition)
      endIf() {
        return this._endBlockNode(If, Else);
      }
      _for(node, forBody) {
        this._blockNode(node);
        if (forBody)
          this.code(forBody).endFor();
        return this;
      }
      // a generic `for` clause (or statement if `forBody` is passed)
      for(iteration, forBody) {
        return this._for(new ForLoop(iteration), forBody);
      }
      // `for` statement for a range of values
      forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForRange(varKind, name, from, to), () => forBody(name));
      }
      // `for-of` statement (in es5 mode replace with a normal for loop)
      forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
        const name = this._scope.toName(nameOrPrefix);
        if (this.opts.es5) {
          const arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
          return this.forRange("_i", 0, (0, code_1._)`${arr}.length`, (i) => {
            this.var(name, (0, code_1._)`${arr}[${i}]`);
            forBody(name);
          });
        }
        return this._for(new ForIter("of", varKind, name, iterable), () => forBody(name));
      }
      // `for-in` statement.
      // With option `ownProperties` replaced with a `for-of` loop for object keys
      forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
        if (this.opts.ownProperties) {
          return this.forOf(nameOrPrefix, (0, code_1._)`Object.keys(${obj})`, forBody);
        }
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForIter("in", varKind, name, obj), () => forBody(name));
      }
      // end `for` loop
      endFor() {
        return this._endBlockNode(For);
      }
      // `label` statement
      label(label) {
        return this._leafNode(new Label(label));
      }
      // `break` statement
      break(label) {
        return this._leafNode(new Break(label));
      }
      // `return` statement
      return(value) {
        const node = new Return();
        this._blockNode(node);
        this.code(value);
        if (node.nodes.length !== 1)
          throw new Error('CodeGen: "return" should have one node');
        return this._endBlockNode(Return);
      }
      // `try` statement
      try(tryBody, catchCode, finallyCode) {
        if (!catchCode && !finallyCode)
          throw new Error('CodeGen: "try" without "catch" and "finally"');
        const node = new Try();
        this._blockNode(node);
        this.code(tryBody);
        if (catchCode) {
          const error = this.name("e");
          this._currNode = node.catch = new Catch(error);
          catchCode(error);
        }
        if (finallyCode) {
          this._currNode = node.finally = new Finally();
          this.code(finallyCode);
        }
        return this._endBlockNode(Catch, Finally);
      }
      // `throw` statement
      throw(error) {
        return this._leafNode(new Throw(error));
      }
      // start self-balancing block
      block(body, nodeCount) {
        this._blockStarts.push(this._nodes.length);
        if (body)
          this.code(body).endBlock(nodeCount);
        return this;
      }
      // end the current self-balancing block
      endBlock(nodeCount) {
        const len = this._blockStarts.pop();
        if (len === void 0)
          throw new Error("CodeGen: not in self-balancing block");
        const toClose = this._nodes.length - len;
        if (toClose < 0 || nodeCount !== void 0 && toClose !== nodeCount) {
          throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
        }
        this._nodes.length = len;
        return this;
      }
      // `function` heading (or definition if funcBody is passed)
      func(name, args = code_1.nil, async, funcBody) {
        this._blockNode(new Func(name, args, async));
        if (funcBody)
          this.code(funcBody).endFunc();
        return this;
      }
      // end function definition
      endFunc() {
        return this._endBlockNode(Func);
      }
      optimize(n = 1) {
        while (n-- > 0) {
          this._root.optimizeNodes();
          this._root.optimizeNames(this._root.names, this._constants);
        }
      }
      _leafNode(node) {
        this._currNode.nodes.push(node);
        return this;
      }
      _blockNode(node) {
        this._currNode.nodes.push(node);
        this._nodes.push(node);
      }
      _endBlockNode(N1, N2) {
        const n = this._currNode;
        if (n instanceof N1 || N2 && n instanceof N2) {
          this._nodes.pop();
          return this;
        }
        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
      }
      _elseNode(node) {
        const n = this._currNode;
        if (!(n instanceof If)) {
          throw new Error('CodeGen: "else" without "if"');
        }
        this._currNode = n.else = node;
        return this;
      }
      get _root() {
        return this._nodes[0];
      }
      get _currNode() {
        const ns = this._nodes;
        return ns[ns.length - 1];
      }
      set _currNode(node) {
        const ns = this._nodes;
        ns[ns.length - 1] = node;
      }
    };
    exports.CodeGen = CodeGen;
    function addNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) + (from[n] || 0);
      return names;
    }
    function addExprNames(names, from) {
      return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
    }
    function optimizeExpr(expr, names, constants2) {
      if (expr instanceof code_1.Name)
        return replaceName(expr);
      if (!canOptimize(expr))
        return expr;
      return new code_1._Code(expr._items.reduce((items, c) => {
        if (c instanceof code_1.Name)
          c = replaceName(c);
        if (c instanceof code_1._Code)
          items.push(...c._items);
        else
          items.push(c);
        return items;
      }, []));
      function replaceName(n) {
        const c = constants2[n.str];
        if (c === void 0 || names[n.str] !== 1)
          return n;
        delete names[n.str];
        return c;
      }
      function canOptimize(e) {
        return e instanceof code_1._Code && e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants2[c.str] !== void 0);
      }
    }
    function subtractNames(names, from) {
      for (const n in from)
        names[n] = (names[n] || 0) - (from[n] || 0);
    }
    function not(x) {
      return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._)`!${par(x)}`;
    }
    exports.not = not;
    var andCode = mappend(exports.operators.AND);
    function and(...args) {
      return args.reduce(andCode);
    }
    exports.and = and;
    var orCode = mappend(exports.operators.OR);
    function or(...args) {
      return args.reduce(orCode);
    }
    exports.or = or;
    function mappend(op) {
      return (x, y) => x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._)`${par(x)} ${op} ${par(y)}`;
    }
    function par(x) {
      return x instanceof code_1.Name ? x : (0, code_1._)`(${x})`;
    }
  }
});

// node_modules/ajv/dist/compile/util.js
var require_util = __commonJS({
  "node_modules/ajv/dist/compile/util.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.checkStrictMode = exports.getErrorPath = exports.Type = exports.useFunc = exports.setEvaluated = exports.evaluatedPropsToName = exports.mergeEvaluated = exports.eachItem = exports.unescapeJsonPointer = exports.escapeJsonPointer = exports.escapeFragment = exports.unescapeFragment = exports.schemaRefOrVal = exports.schemaHasRulesButRef = exports.schemaHasRules = exports.checkUnknownRules = exports.alwaysValidSchema = exports.toHash = void 0;
    var codegen_1 = require_codegen();
    var code_1 = require_code();
    function toHash(arr) {
      const hash = {};
      for (const item of arr)
        hash[item] = true;
      return hash;
    }
    exports.toHash = toHash;
    function alwaysValidSchema(it, schema) {
      if (typeof schema == "boolean")
        return schema;
      if (Object.keys(schema).length === 0)
        return true;
      checkUnknownRules(it, schema);
      return !schemaHasRules(schema, it.self.RULES.all);
    }
    exports.alwaysValidSchema = alwaysValidSchema;
    function checkUnknownRules(it, schema = it.schema) {
      const { opts, self } = it;
      if (!opts.strictSchema)
        return;
      if (typeof schema === "boolean")
        return;
      const rules = self.RULES.keywords;
      for (const key in schema) {
        if (!rules[key])
          checkStrictMode(it, `unknown keyword: "${key}"`);
      }
    }
    exports.checkUnknownRules = checkUnknownRules;
    function schemaHasRules(schema, rules) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key in schema)
        if (rules[key])
          return true;
      return false;
    }
    exports.schemaHasRules = schemaHasRules;
    function schemaHasRulesButRef(schema, RULES) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key in schema)
        if (key !== "$ref" && RULES.all[key])
          return true;
      return false;
    }
    exports.schemaHasRulesButRef = schemaHasRulesButRef;
    function schemaRefOrVal({ topSchemaRef, schemaPath }, schema, keyword, $data) {
      if (!$data) {
        if (typeof schema == "number" || typeof schema == "boolean")
          return schema;
        if (typeof schema == "string")
          return (0, codegen_1._)`${schema}`;
      }
      return (0, codegen_1._)`${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
    }
    exports.schemaRefOrVal = schemaRefOrVal;
    function unescapeFragment(str) {
      return unescapeJsonPointer(decodeURIComponent(str));
    }
    exports.unescapeFragment = unescapeFragment;
    function escapeFragment(str) {
      return encodeURIComponent(escapeJsonPointer(str));
    }
    exports.escapeFragment = escapeFragment;
    function escapeJsonPointer(str) {
      if (typeof str == "number")
        return `${str}`;
      return str.replace(/~/g, "~0").replace(/\//g, "~1");
    }
    exports.escapeJsonPointer = escapeJsonPointer;
    function unescapeJsonPointer(str) {
      return str.replace(/~1/g, "/").replace(/~0/g, "~");
    }
    exports.unescapeJsonPointer = unescapeJsonPointer;
    function eachItem(xs, f) {
      if (Array.isArray(xs)) {
        for (const x of xs)
          f(x);
      } else {
        f(xs);
      }
    }
    exports.eachItem = eachItem;
    function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName }) {
      return (gen, from, to, toName) => {
        const res = to === void 0 ? from : to instanceof codegen_1.Name ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to) : from instanceof codegen_1.Name ? (mergeToName(gen, to, from), from) : mergeValues(from, to);
        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
      };
    }
    exports.mergeEvaluated = {
      props: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => {
          gen.if((0, codegen_1._)`${from} === true`, () => gen.assign(to, true), () => gen.assign(to, (0, codegen_1._)`${to} || {}`).code((0, codegen_1._)`Object.assign(${to}, ${from})`));
        }),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => {
          if (from === true) {
            gen.assign(to, true);
          } else {
            gen.assign(to, (0, codegen_1._)`${to} || {}`);
            setEvaluated(gen, to, from);
          }
        }),
        mergeValues: (from, to) => from === true ? true : { ...from, ...to },
        resultToName: evaluatedPropsToName
      }),
      items: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._)`${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => gen.assign(to, from === true ? true : (0, codegen_1._)`${to} > ${from} ? ${to} : ${from}`)),
        mergeValues: (from, to) => from === true ? true : Math.max(from, to),
        resultToName: (gen, items) => gen.var("items", items)
      })
    };
    function evaluatedPropsToName(gen, ps) {
      if (ps === true)
        return gen.var("props", true);
      const props = gen.var("props", (0, codegen_1._)`{}`);
      if (ps !== void 0)
        setEvaluated(gen, props, ps);
      return props;
    }
    exports.evaluatedPropsToName = evaluatedPropsToName;
    function setEvaluated(gen, props, ps) {
      Object.keys(ps).forEach((p) => gen.assign((0, codegen_1._)`${props}${(0, codegen_1.getProperty)(p)}`, true));
    }
    exports.setEvaluated = setEvaluated;
    var snippets = {};
    function useFunc(gen, f) {
      return gen.scopeValue("func", {
        ref: f,
        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code))
      });
    }
    exports.useFunc = useFunc;
    var Type;
    (function(Type2) {
      Type2[Type2["Num"] = 0] = "Num";
      Type2[Type2["Str"] = 1] = "Str";
    })(Type || (exports.Type = Type = {}));
    function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
      if (dataProp instanceof codegen_1.Name) {
        const isNumber = dataPropType === Type.Num;
        return jsPropertySyntax ? isNumber ? (0, codegen_1._)`"[" + ${dataProp} + "]"` : (0, codegen_1._)`"['" + ${dataProp} + "']"` : isNumber ? (0, codegen_1._)`"/" + ${dataProp}` : (0, codegen_1._)`"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`;
      }
      return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
    }
    exports.getErrorPath = getErrorPath;
    function checkStrictMode(it, msg, mode = it.opts.strictSchema) {
      if (!mode)
        return;
      msg = `strict mode: ${msg}`;
      if (mode === true)
        throw new Error(msg);
      it.self.logger.warn(msg);
    }
    exports.checkStrictMode = checkStrictMode;
  }
});

// node_modules/ajv/dist/compile/names.js
var require_names = __commonJS({
  "node_modules/ajv/dist/compile/names.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var names = {
      // validation function arguments
      data: new codegen_1.Name("data"),
      // data passed to validation function
      // args passed from referencing schema
      valCxt: new codegen_1.Name("valCxt"),
      // validation/data context - should not be used directly, it is destructured to the names below
      instancePath: new codegen_1.Name("instancePath"),
      parentData: new codegen_1.Name("parentData"),
      parentDataProperty: new codegen_1.Name("parentDataProperty"),
      rootData: new codegen_1.Name("rootData"),
      // root data - same as the data passed to the first/top validation function
      dynamicAnchors: new codegen_1.Name("dynamicAnchors"),
      // used to support recursiveRef and dynamicRef
      // function scoped variables
      vErrors: new codegen_1.Name("vErrors"),
      // null or array of validation errors
      errors: new codegen_1.Name("errors"),
      // counter of validation errors
      this: new codegen_1.Name("this"),
      // "globals"
      self: new codegen_1.Name("self"),
      scope: new codegen_1.Name("scope"),
      // JTD serialize/parse name for JSON string and position
      json: new codegen_1.Name("json"),
      jsonPos: new codegen_1.Name("jsonPos"),
      jsonLen: new codegen_1.Name("jsonLen"),
      jsonPart: new codegen_1.Name("jsonPart")
    };
    exports.default = names;
  }
});

// node_modules/ajv/dist/compile/errors.js
var require_errors = __commonJS({
  "node_modules/ajv/dist/compile/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    exports.keywordError = {
      message: ({ keyword }) => (0, codegen_1.str)`must pass "${keyword}" keyword validation`
    };
    exports.keyword$DataError = {
      message: ({ keyword, schemaType }) => schemaType ? (0, codegen_1.str)`"${keyword}" keyword must be ${schemaType} ($data)` : (0, codegen_1.str)`"${keyword}" keyword is invalid ($data)`
    };
    function reportError2(cxt, error = exports.keywordError, errorPaths, overrideAllErrors) {
      const { it } = cxt;
      const { gen, compositeRule, allErrors } = it;
      const errObj = errorObjectCode(cxt, error, errorPaths);
      if (overrideAllErrors !== null && overrideAllErrors !== void 0 ? overrideAllErrors : compositeRule || allErrors) {
        addError(gen, errObj);
      } else {
        returnErrors(it, (0, codegen_1._)`[${errObj}]`);
      }
    }
    exports.reportError = reportError2;
    function reportExtraError(cxt, error = exports.keywordError, errorPaths) {
      const { it } = cxt;
      const { gen, compositeRule, allErrors } = it;
      const errObj = errorObjectCode(cxt, error, errorPaths);
      addError(gen, errObj);
      if (!(compositeRule || allErrors)) {
        returnErrors(it, names_1.default.vErrors);
      }
    }
    exports.reportExtraError = reportExtraError;
    function resetErrorsCount(gen, errsCount) {
      gen.assign(names_1.default.errors, errsCount);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._)`${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
    }
    exports.resetErrorsCount = resetErrorsCount;
    function extendErrors({ gen, keyword, schemaValue, data, errsCount, it }) {
      if (errsCount === void 0)
        throw new Error("ajv implementation error");
      const err = gen.name("err");
      gen.forRange("i", errsCount, names_1.default.errors, (i) => {
        gen.const(err, (0, codegen_1._)`${names_1.default.vErrors}[${i}]`);
        gen.if((0, codegen_1._)`${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._)`${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it.errorPath)));
        gen.assign((0, codegen_1._)`${err}.schemaPath`, (0, codegen_1.str)`${it.errSchemaPath}/${keyword}`);
        if (it.opts.verbose) {
          gen.assign((0, codegen_1._)`${err}.schema`, schemaValue);
          gen.assign((0, codegen_1._)`${err}.data`, data);
        }
      });
    }
    exports.extendErrors = extendErrors;
    function addError(gen, errObj) {
      const err = gen.const("err", errObj);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._)`[${err}]`), (0, codegen_1._)`${names_1.default.vErrors}.push(${err})`);
      gen.code((0, codegen_1._)`${names_1.default.errors}++`);
    }
    function returnErrors(it, errs) {
      const { gen, validateName, schemaEnv } = it;
      if (schemaEnv.$async) {
        gen.throw((0, codegen_1._)`new ${it.ValidationError}(${errs})`);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, errs);
        gen.return(false);
      }
    }
    var E = {
      keyword: new codegen_1.Name("keyword"),
      schemaPath: new codegen_1.Name("schemaPath"),
      // also used in JTD errors
      params: new codegen_1.Name("params"),
      propertyName: new codegen_1.Name("propertyName"),
      message: new codegen_1.Name("message"),
      schema: new codegen_1.Name("schema"),
      parentSchema: new codegen_1.Name("parentSchema")
    };
    function errorObjectCode(cxt, error, errorPaths) {
      const { createErrors } = cxt.it;
      if (createErrors === false)
        return (0, codegen_1._)`{}`;
      return errorObject(cxt, error, errorPaths);
    }
    function errorObject(cxt, error, errorPaths = {}) {
      const { gen, it } = cxt;
      const keyValues = [
        errorInstancePath(it, errorPaths),
        errorSchemaPath(cxt, errorPaths)
      ];
      extraErrorProps(cxt, error, keyValues);
      return gen.object(...keyValues);
    }
    function errorInstancePath({ errorPath }, { instancePath }) {
      const instPath = instancePath ? (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}` : errorPath;
      return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
    }
    function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
      let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str)`${errSchemaPath}/${keyword}`;
      if (schemaPath) {
        schPath = (0, codegen_1.str)`${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`;
      }
      return [E.schemaPath, schPath];
    }
    function extraErrorProps(cxt, { params, message }, keyValues) {
      const { keyword, data, schemaValue, it } = cxt;
      const { opts, propertyName, topSchemaRef, schemaPath } = it;
      keyValues.push([E.keyword, keyword], [E.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._)`{}`]);
      if (opts.messages) {
        keyValues.push([E.message, typeof message == "function" ? message(cxt) : message]);
      }
      if (opts.verbose) {
        keyValues.push([E.schema, schemaValue], [E.parentSchema, (0, codegen_1._)`${topSchemaRef}${schemaPath}`], [names_1.default.data, data]);
      }
      if (propertyName)
        keyValues.push([E.propertyName, propertyName]);
    }
  }
});

// node_modules/ajv/dist/compile/validate/boolSchema.js
var require_boolSchema = __commonJS({
  "node_modules/ajv/dist/compile/validate/boolSchema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.boolOrEmptySchema = exports.topBoolOrEmptySchema = void 0;
    var errors_1 = require_errors();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var boolError = {
      message: "boolean schema is false"
    };
    function topBoolOrEmptySchema(it) {
      const { gen, schema, validateName } = it;
      if (schema === false) {
        falseSchemaError(it, false);
      } else if (typeof schema == "object" && schema.$async === true) {
        gen.return(names_1.default.data);
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, null);
        gen.return(true);
      }
    }
    exports.topBoolOrEmptySchema = topBoolOrEmptySchema;
    function boolOrEmptySchema(it, valid) {
      const { gen, schema } = it;
      if (schema === false) {
        gen.var(valid, false);
        falseSchemaError(it);
      } else {
        gen.var(valid, true);
      }
    }
    exports.boolOrEmptySchema = boolOrEmptySchema;
    function falseSchemaError(it, overrideAllErrors) {
      const { gen, data } = it;
      const cxt = {
        gen,
        keyword: "false schema",
        data,
        schema: false,
        schemaCode: false,
        schemaValue: false,
        params: {},
        it
      };
      (0, errors_1.reportError)(cxt, boolError, void 0, overrideAllErrors);
    }
  }
});

// node_modules/ajv/dist/compile/rules.js
var require_rules = __commonJS({
  "node_modules/ajv/dist/compile/rules.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getRules = exports.isJSONType = void 0;
    var _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"];
    var jsonTypes = new Set(_jsonTypes);
    function isJSONType(x) {
      return typeof x == "string" && jsonTypes.has(x);
    }
    exports.isJSONType = isJSONType;
    function getRules() {
      const groups = {
        number: { type: "number", rules: [] },
        string: { type: "string", rules: [] },
        array: { type: "array", rules: [] },
        object: { type: "object", rules: [] }
      };
      return {
        types: { ...groups, integer: true, boolean: true, null: true },
        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
        post: { rules: [] },
        all: {},
        keywords: {}
      };
    }
    exports.getRules = getRules;
  }
});

// node_modules/ajv/dist/compile/validate/applicability.js
var require_applicability = __commonJS({
  "node_modules/ajv/dist/compile/validate/applicability.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.shouldUseRule = exports.shouldUseGroup = exports.schemaHasRulesForType = void 0;
    function schemaHasRulesForType({ schema, self }, type) {
      const group = self.RULES.types[type];
      return group && group !== true && shouldUseGroup(schema, group);
    }
    exports.schemaHasRulesForType = schemaHasRulesForType;
    function shouldUseGroup(schema, group) {
      return group.rules.some((rule) => shouldUseRule(schema, rule));
    }
    exports.shouldUseGroup = shouldUseGroup;
    function shouldUseRule(schema, rule) {
      var _a;
      return schema[rule.keyword] !== void 0 || ((_a = rule.definition.implements) === null || _a === void 0 ? void 0 : _a.some((kwd) => schema[kwd] !== void 0));
    }
    exports.shouldUseRule = shouldUseRule;
  }
});

// node_modules/ajv/dist/compile/validate/dataType.js
var require_dataType = __commonJS({
  "node_modules/ajv/dist/compile/validate/dataType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.reportTypeError = exports.checkDataTypes = exports.checkDataType = exports.coerceAndCheckDataType = exports.getJSONTypes = exports.getSchemaTypes = exports.DataType = void 0;
    var rules_1 = require_rules();
    var applicability_1 = require_applicability();
    var errors_1 = require_errors();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var DataType;
    (function(DataType2) {
      DataType2[DataType2["Correct"] = 0] = "Correct";
      DataType2[DataType2["Wrong"] = 1] = "Wrong";
    })(DataType || (exports.DataType = DataType = {}));
    function getSchemaTypes(schema) {
      const types = getJSONTypes(schema.type);
      const hasNull = types.includes("null");
      if (hasNull) {
        if (schema.nullable === false)
          throw new Error("type: null contradicts nullable: false");
      } else {
        if (!types.length && schema.nullable !== void 0) {
          throw new Error('"nullable" cannot be used without "type"');
        }
        if (schema.nullable === true)
          types.push("null");
      }
      return types;
    }
    exports.getSchemaTypes = getSchemaTypes;
    function getJSONTypes(ts) {
      const types = Array.isArray(ts) ? ts : ts ? [ts] : [];
      if (types.every(rules_1.isJSONType))
        return types;
      throw new Error("type must be JSONType or JSONType[]: " + types.join(","));
    }
    exports.getJSONTypes = getJSONTypes;
    function coerceAndCheckDataType(it, types) {
      const { gen, data, opts } = it;
      const coerceTo = coerceToTypes(types, opts.coerceTypes);
      const checkTypes = types.length > 0 && !(coerceTo.length === 0 && types.length === 1 && (0, applicability_1.schemaHasRulesForType)(it, types[0]));
      if (checkTypes) {
        const wrongType = checkDataTypes(types, data, opts.strictNumbers, DataType.Wrong);
        gen.if(wrongType, () => {
          if (coerceTo.length)
            coerceData(it, types, coerceTo);
          else
            reportTypeError(it);
        });
      }
      return checkTypes;
    }
    exports.coerceAndCheckDataType = coerceAndCheckDataType;
    var COERCIBLE = /* @__PURE__ */ new Set(["string", "number", "integer", "boolean", "null"]);
    function coerceToTypes(types, coerceTypes) {
      return coerceTypes ? types.filter((t) => COERCIBLE.has(t) || coerceTypes === "array" && t === "array") : [];
    }
    function coerceData(it, types, coerceTo) {
      const { gen, data, opts } = it;
      const dataType = gen.let("dataType", (0, codegen_1._)`typeof ${data}`);
      const coerced = gen.let("coerced", (0, codegen_1._)`undefined`);
      if (opts.coerceTypes === "array") {
        gen.if((0, codegen_1._)`${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen.assign(data, (0, codegen_1._)`${data}[0]`).assign(dataType, (0, codegen_1._)`typeof ${data}`).if(checkDataTypes(types, data, opts.strictNumbers), () => gen.assign(coerced, data)));
      }
      gen.if((0, codegen_1._)`${coerced} !== undefined`);
      for (const t of coerceTo) {
        if (COERCIBLE.has(t) || t === "array" && opts.coerceTypes === "array") {
          coerceSpecificType(t);
        }
      }
      gen.else();
      reportTypeError(it);
      gen.endIf();
      gen.if((0, codegen_1._)`${coerced} !== undefined`, () => {
        gen.assign(data, coerced);
        assignParentData(it, coerced);
      });
      function coerceSpecificType(t) {
        switch (t) {
          case "string":
            gen.elseIf((0, codegen_1._)`${dataType} == "number" || ${dataType} == "boolean"`).assign(coerced, (0, codegen_1._)`"" + ${data}`).elseIf((0, codegen_1._)`${data} === null`).assign(coerced, (0, codegen_1._)`""`);
            return;
          case "number":
            gen.elseIf((0, codegen_1._)`${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "integer":
            gen.elseIf((0, codegen_1._)`${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "boolean":
            gen.elseIf((0, codegen_1._)`${data} === "false" || ${data} === 0 || ${data} === null`).assign(coerced, false).elseIf((0, codegen_1._)`${data} === "true" || ${data} === 1`).assign(coerced, true);
            return;
          case "null":
            gen.elseIf((0, codegen_1._)`${data} === "" || ${data} === 0 || ${data} === false`);
            gen.assign(coerced, null);
            return;
          case "array":
            gen.elseIf((0, codegen_1._)`${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`).assign(coerced, (0, codegen_1._)`[${data}]`);
        }
      }
    }
    function assignParentData({ gen, parentData, parentDataProperty }, expr) {
      gen.if((0, codegen_1._)`${parentData} !== undefined`, () => gen.assign((0, codegen_1._)`${parentData}[${parentDataProperty}]`, expr));
    }
    function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
      const EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ;
      let cond;
      switch (dataType) {
        case "null":
          return (0, codegen_1._)`${data} ${EQ} null`;
        case "array":
          cond = (0, codegen_1._)`Array.isArray(${data})`;
          break;
        case "object":
          cond = (0, codegen_1._)`${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
          break;
        case "integer":
          cond = numCond((0, codegen_1._)`!(${data} % 1) && !isNaN(${data})`);
          break;
        case "number":
          cond = numCond();
          break;
        default:
          return (0, codegen_1._)`typeof ${data} ${EQ} ${dataType}`;
      }
      return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
      function numCond(_cond = codegen_1.nil) {
        return (0, codegen_1.and)((0, codegen_1._)`typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._)`isFinite(${data})` : codegen_1.nil);
      }
    }
    exports.checkDataType = checkDataType;
    function checkDataTypes(dataTypes, data, strictNums, correct) {
      if (dataTypes.length === 1) {
        return checkDataType(dataTypes[0], data, strictNums, correct);
      }
      let cond;
      const types = (0, util_1.toHash)(dataTypes);
      if (types.array && types.object) {
        const notObj = (0, codegen_1._)`typeof ${data} != "object"`;
        cond = types.null ? notObj : (0, codegen_1._)`!${data} || ${notObj}`;
        delete types.null;
        delete types.array;
        delete types.object;
      } else {
        cond = codegen_1.nil;
      }
      if (types.number)
        delete types.integer;
      for (const t in types)
        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
      return cond;
    }
    exports.checkDataTypes = checkDataTypes;
    var typeError = {
      message: ({ schema }) => `must be ${schema}`,
      params: ({ schema, schemaValue }) => typeof schema == "string" ? (0, codegen_1._)`{type: ${schema}}` : (0, codegen_1._)`{type: ${schemaValue}}`
    };
    function reportTypeError(it) {
      const cxt = getTypeErrorContext(it);
      (0, errors_1.reportError)(cxt, typeError);
    }
    exports.reportTypeError = reportTypeError;
    function getTypeErrorContext(it) {
      const { gen, data, schema } = it;
      const schemaCode = (0, util_1.schemaRefOrVal)(it, schema, "type");
      return {
        gen,
        keyword: "type",
        data,
        schema: schema.type,
        schemaCode,
        schemaValue: schemaCode,
        parentSchema: schema,
        params: {},
        it
      };
    }
  }
});

// node_modules/ajv/dist/compile/validate/defaults.js
var require_defaults = __commonJS({
  "node_modules/ajv/dist/compile/validate/defaults.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.assignDefaults = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function assignDefaults(it, ty) {
      const { properties, items } = it.schema;
      if (ty === "object" && properties) {
        for (const key in properties) {
          assignDefault(it, key, properties[key].default);
        }
      } else if (ty === "array" && Array.isArray(items)) {
        items.forEach((sch, i) => assignDefault(it, i, sch.default));
      }
    }
    exports.assignDefaults = assignDefaults;
    function assignDefault(it, prop, defaultValue) {
      const { gen, compositeRule, data, opts } = it;
      if (defaultValue === void 0)
        return;
      const childData = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(prop)}`;
      if (compositeRule) {
        (0, util_1.checkStrictMode)(it, `default is ignored for: ${childData}`);
        return;
      }
      let condition = (0, codegen_1._)`${childData} === undefined`;
      if (opts.useDefaults === "empty") {
        condition = (0, codegen_1._)`${condition} || ${childData} === null || ${childData} === ""`;
      }
      gen.if(condition, (0, codegen_1._)`${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
    }
  }
});

// node_modules/ajv/dist/vocabularies/code.js
var require_code2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateUnion = exports.validateArray = exports.usePattern = exports.callValidateCode = exports.schemaProperties = exports.allSchemaProperties = exports.noPropertyInData = exports.propertyInData = exports.isOwnProperty = exports.hasPropFunc = exports.reportMissingProp = exports.checkMissingProp = exports.checkReportMissingProp = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    var util_2 = require_util();
    function checkReportMissingProp(cxt, prop) {
      const { gen, data, it } = cxt;
      gen.if(noPropertyInData(gen, data, prop, it.opts.ownProperties), () => {
        cxt.setParams({ missingProperty: (0, codegen_1._)`${prop}` }, true);
        cxt.error();
      });
    }
    exports.checkReportMissingProp = checkReportMissingProp;
    function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
      return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._)`${missing} = ${prop}`)));
    }
    exports.checkMissingProp = checkMissingProp;
    function reportMissingProp(cxt, missing) {
      cxt.setParams({ missingProperty: missing }, true);
      cxt.error();
    }
    exports.reportMissingProp = reportMissingProp;
    function hasPropFunc(gen) {
      return gen.scopeValue("func", {
        // eslint-disable-next-line @typescript-eslint/unbound-method
        ref: Object.prototype.hasOwnProperty,
        code: (0, codegen_1._)`Object.prototype.hasOwnProperty`
      });
    }
    exports.hasPropFunc = hasPropFunc;
    function isOwnProperty(gen, data, property) {
      return (0, codegen_1._)`${hasPropFunc(gen)}.call(${data}, ${property})`;
    }
    exports.isOwnProperty = isOwnProperty;
    function propertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
      return ownProperties ? (0, codegen_1._)`${cond} && ${isOwnProperty(gen, data, property)}` : cond;
    }
    exports.propertyInData = propertyInData;
    function noPropertyInData(gen, data, property, ownProperties) {
      const cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} === undefined`;
      return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
    }
    exports.noPropertyInData = noPropertyInData;
    function allSchemaProperties(schemaMap) {
      return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
    }
    exports.allSchemaProperties = allSchemaProperties;
    function schemaProperties(it, schemaMap) {
      return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it, schemaMap[p]));
    }
    exports.schemaProperties = schemaProperties;
    function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it }, func, context, passSchema) {
      const dataAndSchema = passSchema ? (0, codegen_1._)`${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data;
      const valCxt = [
        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
        [names_1.default.parentData, it.parentData],
        [names_1.default.parentDataProperty, it.parentDataProperty],
        [names_1.default.rootData, names_1.default.rootData]
      ];
      if (it.opts.dynamicRef)
        valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
      const args = (0, codegen_1._)`${dataAndSchema}, ${gen.object(...valCxt)}`;
      return context !== codegen_1.nil ? (0, codegen_1._)`${func}.call(${context}, ${args})` : (0, codegen_1._)`${func}(${args})`;
    }
    exports.callValidateCode = callValidateCode;
    var newRegExp = (0, codegen_1._)`new RegExp`;
    function usePattern({ gen, it: { opts } }, pattern) {
      const u = opts.unicodeRegExp ? "u" : "";
      const { regExp } = opts.code;
      const rx = regExp(pattern, u);
      return gen.scopeValue("pattern", {
        key: rx.toString(),
        ref: rx,
        code: (0, codegen_1._)`${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`
      });
    }
    exports.usePattern = usePattern;
    function validateArray(cxt) {
      const { gen, data, keyword, it } = cxt;
      const valid = gen.name("valid");
      if (it.allErrors) {
        const validArr = gen.let("valid", true);
        validateItems(() => gen.assign(validArr, false));
        return validArr;
      }
      gen.var(valid, true);
      validateItems(() => gen.break());
      return valid;
      function validateItems(notValid) {
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        gen.forRange("i", 0, len, (i) => {
          cxt.subschema({
            keyword,
            dataProp: i,
            dataPropType: util_1.Type.Num
          }, valid);
          gen.if((0, codegen_1.not)(valid), notValid);
        });
      }
    }
    exports.validateArray = validateArray;
    function validateUnion(cxt) {
      const { gen, schema, keyword, it } = cxt;
      if (!Array.isArray(schema))
        throw new Error("ajv implementation error");
      const alwaysValid = schema.some((sch) => (0, util_1.alwaysValidSchema)(it, sch));
      if (alwaysValid && !it.opts.unevaluated)
        return;
      const valid = gen.let("valid", false);
      const schValid = gen.name("_valid");
      gen.block(() => schema.forEach((_sch, i) => {
        const schCxt = cxt.subschema({
          keyword,
          schemaProp: i,
          compositeRule: true
        }, schValid);
        gen.assign(valid, (0, codegen_1._)`${valid} || ${schValid}`);
        const merged = cxt.mergeValidEvaluated(schCxt, schValid);
        if (!merged)
          gen.if((0, codegen_1.not)(valid));
      }));
      cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
    }
    exports.validateUnion = validateUnion;
  }
});

// node_modules/ajv/dist/compile/validate/keyword.js
var require_keyword = __commonJS({
  "node_modules/ajv/dist/compile/validate/keyword.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateKeywordUsage = exports.validSchemaType = exports.funcKeywordCode = exports.macroKeywordCode = void 0;
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var code_1 = require_code2();
    var errors_1 = require_errors();
    function macroKeywordCode(cxt, def) {
      const { gen, keyword, schema, parentSchema, it } = cxt;
      const macroSchema = def.macro.call(it.self, schema, parentSchema, it);
      const schemaRef = useKeyword(gen, keyword, macroSchema);
      if (it.opts.validateSchema !== false)
        it.self.validateSchema(macroSchema, true);
      const valid = gen.name("valid");
      cxt.subschema({
        schema: macroSchema,
        schemaPath: codegen_1.nil,
        errSchemaPath: `${it.errSchemaPath}/${keyword}`,
        topSchemaRef: schemaRef,
        compositeRule: true
      }, valid);
      cxt.pass(valid, () => cxt.error(true));
    }
    exports.macroKeywordCode = macroKeywordCode;
    function funcKeywordCode(cxt, def) {
      var _a;
      const { gen, keyword, schema, parentSchema, $data, it } = cxt;
      checkAsyncKeyword(it, def);
      const validate = !$data && def.compile ? def.compile.call(it.self, schema, parentSchema, it) : def.validate;
      const validateRef = useKeyword(gen, keyword, validate);
      const valid = gen.let("valid");
      cxt.block$data(valid, validateKeyword);
      cxt.ok((_a = def.valid) !== null && _a !== void 0 ? _a : valid);
      function validateKeyword() {
        if (def.errors === false) {
          assignValid();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => cxt.error());
        } else {
          const ruleErrs = def.async ? validateAsync() : validateSync();
          if (def.modifying)
            modifyData(cxt);
          reportErrs(() => addErrs(cxt, ruleErrs));
        }
      }
      function validateAsync() {
        const ruleErrs = gen.let("ruleErrs", null);
        gen.try(() => assignValid((0, codegen_1._)`await `), (e) => gen.assign(valid, false).if((0, codegen_1._)`${e} instanceof ${it.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._)`${e}.errors`), () => gen.throw(e)));
        return ruleErrs;
      }
      function validateSync() {
        const validateErrs = (0, codegen_1._)`${validateRef}.errors`;
        gen.assign(validateErrs, null);
        assignValid(codegen_1.nil);
        return validateErrs;
      }
      function assignValid(_await = def.async ? (0, codegen_1._)`await ` : codegen_1.nil) {
        const passCxt = it.opts.passContext ? names_1.default.this : names_1.default.self;
        const passSchema = !("compile" in def && !$data || def.schema === false);
        gen.assign(valid, (0, codegen_1._)`${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
      }
      function reportErrs(errors) {
        var _a2;
        gen.if((0, codegen_1.not)((_a2 = def.valid) !== null && _a2 !== void 0 ? _a2 : valid), errors);
      }
    }
    exports.funcKeywordCode = funcKeywordCode;
    function modifyData(cxt) {
      const { gen, data, it } = cxt;
      gen.if(it.parentData, () => gen.assign(data, (0, codegen_1._)`${it.parentData}[${it.parentDataProperty}]`));
    }
    function addErrs(cxt, errs) {
      const { gen } = cxt;
      gen.if((0, codegen_1._)`Array.isArray(${errs})`, () => {
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`).assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
        (0, errors_1.extendErrors)(cxt);
      }, () => cxt.error());
    }
    function checkAsyncKeyword({ schemaEnv }, def) {
      if (def.async && !schemaEnv.$async)
        throw new Error("async keyword in sync schema");
    }
    function useKeyword(gen, keyword, result) {
      if (result === void 0)
        throw new Error(`keyword "${keyword}" failed to compile`);
      return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
    }
    function validSchemaType(schema, schemaType, allowUndefined = false) {
      return !schemaType.length || schemaType.some((st) => st === "array" ? Array.isArray(schema) : st === "object" ? schema && typeof schema == "object" && !Array.isArray(schema) : typeof schema == st || allowUndefined && typeof schema == "undefined");
    }
    exports.validSchemaType = validSchemaType;
    function validateKeywordUsage({ schema, opts, self, errSchemaPath }, def, keyword) {
      if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword) {
        throw new Error("ajv implementation error");
      }
      const deps = def.dependencies;
      if (deps === null || deps === void 0 ? void 0 : deps.some((kwd) => !Object.prototype.hasOwnProperty.call(schema, kwd))) {
        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
      }
      if (def.validateSchema) {
        const valid = def.validateSchema(schema[keyword]);
        if (!valid) {
          const msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` + self.errorsText(def.validateSchema.errors);
          if (opts.validateSchema === "log")
            self.logger.error(msg);
          else
            throw new Error(msg);
        }
      }
    }
    exports.validateKeywordUsage = validateKeywordUsage;
  }
});

// node_modules/ajv/dist/compile/validate/subschema.js
var require_subschema = __commonJS({
  "node_modules/ajv/dist/compile/validate/subschema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.extendSubschemaMode = exports.extendSubschemaData = exports.getSubschema = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    function getSubschema(it, { keyword, schemaProp, schema, schemaPath, errSchemaPath, topSchemaRef }) {
      if (keyword !== void 0 && schema !== void 0) {
        throw new Error('both "keyword" and "schema" passed, only one allowed');
      }
      if (keyword !== void 0) {
        const sch = it.schema[keyword];
        return schemaProp === void 0 ? {
          schema: sch,
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}`
        } : {
          schema: sch[schemaProp],
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`
        };
      }
      if (schema !== void 0) {
        if (schemaPath === void 0 || errSchemaPath === void 0 || topSchemaRef === void 0) {
          throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
        }
        return {
          schema,
          schemaPath,
          topSchemaRef,
          errSchemaPath
        };
      }
      throw new Error('either "keyword" or "schema" must be passed');
    }
    exports.getSubschema = getSubschema;
    function extendSubschemaData(subschema, it, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
      if (data !== void 0 && dataProp !== void 0) {
        throw new Error('both "data" and "dataProp" passed, only one allowed');
      }
      const { gen } = it;
      if (dataProp !== void 0) {
        const { errorPath, dataPathArr, opts } = it;
        const nextData = gen.let("data", (0, codegen_1._)`${it.data}${(0, codegen_1.getProperty)(dataProp)}`, true);
        dataContextProps(nextData);
        subschema.errorPath = (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`;
        subschema.parentDataProperty = (0, codegen_1._)`${dataProp}`;
        subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
      }
      if (data !== void 0) {
        const nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, true);
        dataContextProps(nextData);
        if (propertyName !== void 0)
          subschema.propertyName = propertyName;
      }
      if (dataTypes)
        subschema.dataTypes = dataTypes;
      function dataContextProps(_nextData) {
        subschema.data = _nextData;
        subschema.dataLevel = it.dataLevel + 1;
        subschema.dataTypes = [];
        it.definedProperties = /* @__PURE__ */ new Set();
        subschema.parentData = it.data;
        subschema.dataNames = [...it.dataNames, _nextData];
      }
    }
    exports.extendSubschemaData = extendSubschemaData;
    function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
      if (compositeRule !== void 0)
        subschema.compositeRule = compositeRule;
      if (createErrors !== void 0)
        subschema.createErrors = createErrors;
      if (allErrors !== void 0)
        subschema.allErrors = allErrors;
      subschema.jtdDiscriminator = jtdDiscriminator;
      subschema.jtdMetadata = jtdMetadata;
    }
    exports.extendSubschemaMode = extendSubschemaMode;
  }
});

// node_modules/fast-deep-equal/index.js
var require_fast_deep_equal = __commonJS({
  "node_modules/fast-deep-equal/index.js"(exports, module) {
    "use strict";
    module.exports = function equal(a, b) {
      if (a === b) return true;
      if (a && b && typeof a == "object" && typeof b == "object") {
        if (a.constructor !== b.constructor) return false;
        var length, i, keys;
        if (Array.isArray(a)) {
          length = a.length;
          if (length != b.length) return false;
          for (i = length; i-- !== 0; )
            if (!equal(a[i], b[i])) return false;
          return true;
        }
        if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
        if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
        if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
        keys = Object.keys(a);
        length = keys.length;
        if (length !== Object.keys(b).length) return false;
        for (i = length; i-- !== 0; )
          if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;
        for (i = length; i-- !== 0; ) {
          var key = keys[i];
          if (!equal(a[key], b[key])) return false;
        }
        return true;
      }
      return a !== a && b !== b;
    };
  }
});

// node_modules/json-schema-traverse/index.js
var require_json_schema_traverse = __commonJS({
  "node_modules/json-schema-traverse/index.js"(exports, module) {
    "use strict";
    var traverse = module.exports = function(schema, opts, cb) {
      if (typeof opts == "function") {
        cb = opts;
        opts = {};
      }
      cb = opts.cb || cb;
      var pre = typeof cb == "function" ? cb : cb.pre || function() {
      };
      var post = cb.post || function() {
      };
      _traverse(opts, pre, post, schema, "", schema);
    };
    traverse.keywords = {
      additionalItems: true,
      items: true,
      contains: true,
      additionalProperties: true,
      propertyNames: true,
      not: true,
      if: true,
      then: true,
      else: true
    };
    traverse.arrayKeywords = {
      items: true,
      allOf: true,
      anyOf: true,
      oneOf: true
    };
    traverse.propsKeywords = {
      $defs: true,
      definitions: true,
      properties: true,
      patternProperties: true,
      dependencies: true
    };
    traverse.skipKeywords = {
      default: true,
      enum: true,
      const: true,
      required: true,
      maximum: true,
      minimum: true,
      exclusiveMaximum: true,
      exclusiveMinimum: true,
      multipleOf: true,
      maxLength: true,
      minLength: true,
      pattern: true,
      format: true,
      maxItems: true,
      minItems: true,
      uniqueItems: true,
      maxProperties: true,
      minProperties: true
    };
    function _traverse(opts, pre, post, schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
      if (schema && typeof schema == "object" && !Array.isArray(schema)) {
        pre(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
        for (var key in schema) {
          var sch = schema[key];
          if (Array.isArray(sch)) {
            if (key in traverse.arrayKeywords) {
              for (var i = 0; i < sch.length; i++)
                _traverse(opts, pre, post, sch[i], jsonPtr + "/" + key + "/" + i, rootSchema, jsonPtr, key, schema, i);
            }
          } else if (key in traverse.propsKeywords) {
            if (sch && typeof sch == "object") {
              for (var prop in sch)
                _traverse(opts, pre, post, sch[prop], jsonPtr + "/" + key + "/" + escapeJsonPtr(prop), rootSchema, jsonPtr, key, schema, prop);
            }
          } else if (key in traverse.keywords || opts.allKeys && !(key in traverse.skipKeywords)) {
            _traverse(opts, pre, post, sch, jsonPtr + "/" + key, rootSchema, jsonPtr, key, schema);
          }
        }
        post(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
      }
    }
    function escapeJsonPtr(str) {
      return str.replace(/~/g, "~0").replace(/\//g, "~1");
    }
  }
});

// node_modules/ajv/dist/compile/resolve.js
var require_resolve = __commonJS({
  "node_modules/ajv/dist/compile/resolve.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getSchemaRefs = exports.resolveUrl = exports.normalizeId = exports._getFullPath = exports.getFullPath = exports.inlineRef = void 0;
    var util_1 = require_util();
    var equal = require_fast_deep_equal();
    var traverse = require_json_schema_traverse();
    var SIMPLE_INLINED = /* @__PURE__ */ new Set([
      "type",
      "format",
      "pattern",
      "maxLength",
      "minLength",
      "maxProperties",
      "minProperties",
      "maxItems",
      "minItems",
      "maximum",
      "minimum",
      "uniqueItems",
      "multipleOf",
      "required",
      "enum",
      "const"
    ]);
    function inlineRef(schema, limit = true) {
      if (typeof schema == "boolean")
        return true;
      if (limit === true)
        return !hasRef(schema);
      if (!limit)
        return false;
      return countKeys(schema) <= limit;
    }
    exports.inlineRef = inlineRef;
    var REF_KEYWORDS = /* @__PURE__ */ new Set([
      "$ref",
      "$recursiveRef",
      "$recursiveAnchor",
      "$dynamicRef",
      "$dynamicAnchor"
    ]);
    function hasRef(schema) {
      for (const key in schema) {
        if (REF_KEYWORDS.has(key))
          return true;
        const sch = schema[key];
        if (Array.isArray(sch) && sch.some(hasRef))
          return true;
        if (typeof sch == "object" && hasRef(sch))
          return true;
      }
      return false;
    }
    function countKeys(schema) {
      let count = 0;
      for (const key in schema) {
        if (key === "$ref")
          return Infinity;
        count++;
        if (SIMPLE_INLINED.has(key))
          continue;
        if (typeof schema[key] == "object") {
          (0, util_1.eachItem)(schema[key], (sch) => count += countKeys(sch));
        }
        if (count === Infinity)
          return Infinity;
      }
      return count;
    }
    function getFullPath(resolver, id = "", normalize) {
      if (normalize !== false)
        id = normalizeId(id);
      const p = resolver.parse(id);
      return _getFullPath(resolver, p);
    }
    exports.getFullPath = getFullPath;
    function _getFullPath(resolver, p) {
      const serialized = resolver.serialize(p);
      return serialized.split("#")[0] + "#";
    }
    exports._getFullPath = _getFullPath;
    var TRAILING_SLASH_HASH = /#\/?$/;
    function normalizeId(id) {
      return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
    }
    exports.normalizeId = normalizeId;
    function resolveUrl(resolver, baseId, id) {
      id = normalizeId(id);
      return resolver.resolve(baseId, id);
    }
    exports.resolveUrl = resolveUrl;
    var ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
    function getSchemaRefs(schema, baseId) {
      if (typeof schema == "boolean")
        return {};
      const { schemaId, uriResolver } = this.opts;
      const schId = normalizeId(schema[schemaId] || baseId);
      const baseIds = { "": schId };
      const pathPrefix = getFullPath(uriResolver, schId, false);
      const localRefs = {};
      const schemaRefs = /* @__PURE__ */ new Set();
      traverse(schema, { allKeys: true }, (sch, jsonPtr, _, parentJsonPtr) => {
        if (parentJsonPtr === void 0)
          return;
        const fullPath = pathPrefix + jsonPtr;
        let innerBaseId = baseIds[parentJsonPtr];
        if (typeof sch[schemaId] == "string")
          innerBaseId = addRef.call(this, sch[schemaId]);
        addAnchor.call(this, sch.$anchor);
        addAnchor.call(this, sch.$dynamicAnchor);
        baseIds[jsonPtr] = innerBaseId;
        function addRef(ref) {
          const _resolve = this.opts.uriResolver.resolve;
          ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref);
          if (schemaRefs.has(ref))
            throw ambiguos(ref);
          schemaRefs.add(ref);
          let schOrRef = this.refs[ref];
          if (typeof schOrRef == "string")
            schOrRef = this.refs[schOrRef];
          if (typeof schOrRef == "object") {
            checkAmbiguosRef(sch, schOrRef.schema, ref);
          } else if (ref !== normalizeId(fullPath)) {
            if (ref[0] === "#") {
              checkAmbiguosRef(sch, localRefs[ref], ref);
              localRefs[ref] = sch;
            } else {
              this.refs[ref] = fullPath;
            }
          }
          return ref;
        }
        function addAnchor(anchor) {
          if (typeof anchor == "string") {
            if (!ANCHOR.test(anchor))
              throw new Error(`invalid anchor "${anchor}"`);
            addRef.call(this, `#${anchor}`);
          }
        }
      });
      return localRefs;
      function checkAmbiguosRef(sch1, sch2, ref) {
        if (sch2 !== void 0 && !equal(sch1, sch2))
          throw ambiguos(ref);
      }
      function ambiguos(ref) {
        return new Error(`reference "${ref}" resolves to more than one schema`);
      }
    }
    exports.getSchemaRefs = getSchemaRefs;
  }
});

// node_modules/ajv/dist/compile/validate/index.js
var require_validate = __commonJS({
  "node_modules/ajv/dist/compile/validate/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getData = exports.KeywordCxt = exports.validateFunctionCode = void 0;
    var boolSchema_1 = require_boolSchema();
    var dataType_1 = require_dataType();
    var applicability_1 = require_applicability();
    var dataType_2 = require_dataType();
    var defaults_1 = require_defaults();
    var keyword_1 = require_keyword();
    var subschema_1 = require_subschema();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var errors_1 = require_errors();
    function validateFunctionCode(it) {
      if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
          topSchemaObjCode(it);
          return;
        }
      }
      validateFunction(it, () => (0, boolSchema_1.topBoolOrEmptySchema)(it));
    }
    exports.validateFunctionCode = validateFunctionCode;
    function validateFunction({ gen, validateName, schema, schemaEnv, opts }, body) {
      if (opts.code.es5) {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
          gen.code((0, codegen_1._)`"use strict"; ${funcSourceUrl(schema, opts)}`);
          destructureValCxtES5(gen, opts);
          gen.code(body);
        });
      } else {
        gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema, opts)).code(body));
      }
    }
    function destructureValCxt(opts) {
      return (0, codegen_1._)`{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._)`, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
    }
    function destructureValCxtES5(gen, opts) {
      gen.if(names_1.default.valCxt, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.instancePath}`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentData}`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentDataProperty}`);
        gen.var(names_1.default.rootData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.rootData}`);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
      }, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`""`);
        gen.var(names_1.default.parentData, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`undefined`);
        gen.var(names_1.default.rootData, names_1.default.data);
        if (opts.dynamicRef)
          gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`{}`);
      });
    }
    function topSchemaObjCode(it) {
      const { schema, opts, gen } = it;
      validateFunction(it, () => {
        if (opts.$comment && schema.$comment)
          commentKeyword(it);
        checkNoDefault(it);
        gen.let(names_1.default.vErrors, null);
        gen.let(names_1.default.errors, 0);
        if (opts.unevaluated)
          resetEvaluated(it);
        typeAndKeywords(it);
        returnResults(it);
      });
      return;
    }
    function resetEvaluated(it) {
      const { gen, validateName } = it;
      it.evaluated = gen.const("evaluated", (0, codegen_1._)`${validateName}.evaluated`);
      gen.if((0, codegen_1._)`${it.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._)`${it.evaluated}.props`, (0, codegen_1._)`undefined`));
      gen.if((0, codegen_1._)`${it.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._)`${it.evaluated}.items`, (0, codegen_1._)`undefined`));
    }
    function funcSourceUrl(schema, opts) {
      const schId = typeof schema == "object" && schema[opts.schemaId];
      return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._)`/*# sourceURL=${schId} */` : codegen_1.nil;
    }
    function subschemaCode(it, valid) {
      if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
          subSchemaObjCode(it, valid);
          return;
        }
      }
      (0, boolSchema_1.boolOrEmptySchema)(it, valid);
    }
    function schemaCxtHasRules({ schema, self }) {
      if (typeof schema == "boolean")
        return !schema;
      for (const key in schema)
        if (self.RULES.all[key])
          return true;
      return false;
    }
    function isSchemaObj(it) {
      return typeof it.schema != "boolean";
    }
    function subSchemaObjCode(it, valid) {
      const { schema, gen, opts } = it;
      if (opts.$comment && schema.$comment)
        commentKeyword(it);
      updateContext(it);
      checkAsyncSchema(it);
      const errsCount = gen.const("_errs", names_1.default.errors);
      typeAndKeywords(it, errsCount);
      gen.var(valid, (0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
    }
    function checkKeywords(it) {
      (0, util_1.checkUnknownRules)(it);
      checkRefsAndKeywords(it);
    }
    function typeAndKeywords(it, errsCount) {
      if (it.opts.jtd)
        return schemaKeywords(it, [], false, errsCount);
      const types = (0, dataType_1.getSchemaTypes)(it.schema);
      const checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it, types);
      schemaKeywords(it, types, !checkedTypes, errsCount);
    }
    function checkRefsAndKeywords(it) {
      const { schema, errSchemaPath, opts, self } = it;
      if (schema.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema, self.RULES)) {
        self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
      }
    }
    function checkNoDefault(it) {
      const { schema, opts } = it;
      if (schema.default !== void 0 && opts.useDefaults && opts.strictSchema) {
        (0, util_1.checkStrictMode)(it, "default is ignored in the schema root");
      }
    }
    function updateContext(it) {
      const schId = it.schema[it.opts.schemaId];
      if (schId)
        it.baseId = (0, resolve_1.resolveUrl)(it.opts.uriResolver, it.baseId, schId);
    }
    function checkAsyncSchema(it) {
      if (it.schema.$async && !it.schemaEnv.$async)
        throw new Error("async schema in sync schema");
    }
    function commentKeyword({ gen, schemaEnv, schema, errSchemaPath, opts }) {
      const msg = schema.$comment;
      if (opts.$comment === true) {
        gen.code((0, codegen_1._)`${names_1.default.self}.logger.log(${msg})`);
      } else if (typeof opts.$comment == "function") {
        const schemaPath = (0, codegen_1.str)`${errSchemaPath}/$comment`;
        const rootName = gen.scopeValue("root", { ref: schemaEnv.root });
        gen.code((0, codegen_1._)`${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
      }
    }
    function returnResults(it) {
      const { gen, schemaEnv, validateName, ValidationError, opts } = it;
      if (schemaEnv.$async) {
        gen.if((0, codegen_1._)`${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._)`new ${ValidationError}(${names_1.default.vErrors})`));
      } else {
        gen.assign((0, codegen_1._)`${validateName}.errors`, names_1.default.vErrors);
        if (opts.unevaluated)
          assignEvaluated(it);
        gen.return((0, codegen_1._)`${names_1.default.errors} === 0`);
      }
    }
    function assignEvaluated({ gen, evaluated, props, items }) {
      if (props instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.props`, props);
      if (items instanceof codegen_1.Name)
        gen.assign((0, codegen_1._)`${evaluated}.items`, items);
    }
    function schemaKeywords(it, types, typeErrors, errsCount) {
      const { gen, schema, data, allErrors, opts, self } = it;
      const { RULES } = self;
      if (schema.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema, RULES))) {
        gen.block(() => keywordCode(it, "$ref", RULES.all.$ref.definition));
        return;
      }
      if (!opts.jtd)
        checkStrictTypes(it, types);
      gen.block(() => {
        for (const group of RULES.rules)
          groupKeywords(group);
        groupKeywords(RULES.post);
      });
      function groupKeywords(group) {
        if (!(0, applicability_1.shouldUseGroup)(schema, group))
          return;
        if (group.type) {
          gen.if((0, dataType_2.checkDataType)(group.type, data, opts.strictNumbers));
          iterateKeywords(it, group);
          if (types.length === 1 && types[0] === group.type && typeErrors) {
            gen.else();
            (0, dataType_2.reportTypeError)(it);
          }
          gen.endIf();
        } else {
          iterateKeywords(it, group);
        }
        if (!allErrors)
          gen.if((0, codegen_1._)`${names_1.default.errors} === ${errsCount || 0}`);
      }
    }
    function iterateKeywords(it, group) {
      const { gen, schema, opts: { useDefaults } } = it;
      if (useDefaults)
        (0, defaults_1.assignDefaults)(it, group.type);
      gen.block(() => {
        for (const rule of group.rules) {
          if ((0, applicability_1.shouldUseRule)(schema, rule)) {
            keywordCode(it, rule.keyword, rule.definition, group.type);
          }
        }
      });
    }
    function checkStrictTypes(it, types) {
      if (it.schemaEnv.meta || !it.opts.strictTypes)
        return;
      checkContextTypes(it, types);
      if (!it.opts.allowUnionTypes)
        checkMultipleTypes(it, types);
      checkKeywordTypes(it, it.dataTypes);
    }
    function checkContextTypes(it, types) {
      if (!types.length)
        return;
      if (!it.dataTypes.length) {
        it.dataTypes = types;
        return;
      }
      types.forEach((t) => {
        if (!includesType(it.dataTypes, t)) {
          strictTypesError(it, `type "${t}" not allowed by context "${it.dataTypes.join(",")}"`);
        }
      });
      narrowSchemaTypes(it, types);
    }
    function checkMultipleTypes(it, ts) {
      if (ts.length > 1 && !(ts.length === 2 && ts.includes("null"))) {
        strictTypesError(it, "use allowUnionTypes to allow union type keyword");
      }
    }
    function checkKeywordTypes(it, ts) {
      const rules = it.self.RULES.all;
      for (const keyword in rules) {
        const rule = rules[keyword];
        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it.schema, rule)) {
          const { type } = rule.definition;
          if (type.length && !type.some((t) => hasApplicableType(ts, t))) {
            strictTypesError(it, `missing type "${type.join(",")}" for keyword "${keyword}"`);
          }
        }
      }
    }
    function hasApplicableType(schTs, kwdT) {
      return schTs.includes(kwdT) || kwdT === "number" && schTs.includes("integer");
    }
    function includesType(ts, t) {
      return ts.includes(t) || t === "integer" && ts.includes("number");
    }
    function narrowSchemaTypes(it, withTypes) {
      const ts = [];
      for (const t of it.dataTypes) {
        if (includesType(withTypes, t))
          ts.push(t);
        else if (withTypes.includes("integer") && t === "number")
          ts.push("integer");
      }
      it.dataTypes = ts;
    }
    function strictTypesError(it, msg) {
      const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
      msg += ` at "${schemaPath}" (strictTypes)`;
      (0, util_1.checkStrictMode)(it, msg, it.opts.strictTypes);
    }
    var KeywordCxt = class {
      constructor(it, def, keyword) {
        (0, keyword_1.validateKeywordUsage)(it, def, keyword);
        this.gen = it.gen;
        this.allErrors = it.allErrors;
        this.keyword = keyword;
        this.data = it.data;
        this.schema = it.schema[keyword];
        this.$data = def.$data && it.opts.$data && this.schema && this.schema.$data;
        this.schemaValue = (0, util_1.schemaRefOrVal)(it, this.schema, keyword, this.$data);
        this.schemaType = def.schemaType;
        this.parentSchema = it.schema;
        this.params = {};
        this.it = it;
        this.def = def;
        if (this.$data) {
          this.schemaCode = it.gen.const("vSchema", getData(this.$data, it));
        } else {
          this.schemaCode = this.schemaValue;
          if (!(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined)) {
            throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
          }
        }
        if ("code" in def ? def.trackErrors : def.errors !== false) {
          this.errsCount = it.gen.const("_errs", names_1.default.errors);
        }
      }
      result(condition, successAction, failAction) {
        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
      }
      failResult(condition, successAction, failAction) {
        this.gen.if(condition);
        if (failAction)
          failAction();
        else
          this.error();
        if (successAction) {
          this.gen.else();
          successAction();
          if (this.allErrors)
            this.gen.endIf();
        } else {
          if (this.allErrors)
            this.gen.endIf();
          else
            this.gen.else();
        }
      }
      pass(condition, failAction) {
        this.failResult((0, codegen_1.not)(condition), void 0, failAction);
      }
      fail(condition) {
        if (condition === void 0) {
          this.error();
          if (!this.allErrors)
            this.gen.if(false);
          return;
        }
        this.gen.if(condition);
        this.error();
        if (this.allErrors)
          this.gen.endIf();
        else
          this.gen.else();
      }
      fail$data(condition) {
        if (!this.$data)
          return this.fail(condition);
        const { schemaCode } = this;
        this.fail((0, codegen_1._)`${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
      }
      error(append2, errorParams, errorPaths) {
        if (errorParams) {
          this.setParams(errorParams);
          this._error(append2, errorPaths);
          this.setParams({});
          return;
        }
        this._error(append2, errorPaths);
      }
      _error(append2, errorPaths) {
        ;
        (append2 ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
      }
      $dataError() {
        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
      }
      reset() {
        if (this.errsCount === void 0)
          throw new Error('add "trackErrors" to keyword definition');
        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
      }
      ok(cond) {
        if (!this.allErrors)
          this.gen.if(cond);
      }
      setParams(obj, assign) {
        if (assign)
          Object.assign(this.params, obj);
        else
          this.params = obj;
      }
      block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
        this.gen.block(() => {
          this.check$data(valid, $dataValid);
          codeBlock();
        });
      }
      check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
        if (!this.$data)
          return;
        const { gen, schemaCode, schemaType, def } = this;
        gen.if((0, codegen_1.or)((0, codegen_1._)`${schemaCode} === undefined`, $dataValid));
        if (valid !== codegen_1.nil)
          gen.assign(valid, true);
        if (schemaType.length || def.validateSchema) {
          gen.elseIf(this.invalid$data());
          this.$dataError();
          if (valid !== codegen_1.nil)
            gen.assign(valid, false);
        }
        gen.else();
      }
      invalid$data() {
        const { gen, schemaCode, schemaType, def, it } = this;
        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
        function wrong$DataType() {
          if (schemaType.length) {
            if (!(schemaCode instanceof codegen_1.Name))
              throw new Error("ajv implementation error");
            const st = Array.isArray(schemaType) ? schemaType : [schemaType];
            return (0, codegen_1._)`${(0, dataType_2.checkDataTypes)(st, schemaCode, it.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
          }
          return codegen_1.nil;
        }
        function invalid$DataSchema() {
          if (def.validateSchema) {
            const validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema });
            return (0, codegen_1._)`!${validateSchemaRef}(${schemaCode})`;
          }
          return codegen_1.nil;
        }
      }
      subschema(appl, valid) {
        const subschema = (0, subschema_1.getSubschema)(this.it, appl);
        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl);
        (0, subschema_1.extendSubschemaMode)(subschema, appl);
        const nextContext = { ...this.it, ...subschema, items: void 0, props: void 0 };
        subschemaCode(nextContext, valid);
        return nextContext;
      }
      mergeEvaluated(schemaCxt, toName) {
        const { it, gen } = this;
        if (!it.opts.unevaluated)
          return;
        if (it.props !== true && schemaCxt.props !== void 0) {
          it.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it.props, toName);
        }
        if (it.items !== true && schemaCxt.items !== void 0) {
          it.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it.items, toName);
        }
      }
      mergeValidEvaluated(schemaCxt, valid) {
        const { it, gen } = this;
        if (it.opts.unevaluated && (it.props !== true || it.items !== true)) {
          gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name));
          return true;
        }
      }
    };
    exports.KeywordCxt = KeywordCxt;
    function keywordCode(it, keyword, def, ruleType) {
      const cxt = new KeywordCxt(it, def, keyword);
      if ("code" in def) {
        def.code(cxt, ruleType);
      } else if (cxt.$data && def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      } else if ("macro" in def) {
        (0, keyword_1.macroKeywordCode)(cxt, def);
      } else if (def.compile || def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
      }
    }
    var JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/;
    var RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
    function getData($data, { dataLevel, dataNames, dataPathArr }) {
      let jsonPointer;
      let data;
      if ($data === "")
        return names_1.default.rootData;
      if ($data[0] === "/") {
        if (!JSON_POINTER.test($data))
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        jsonPointer = $data;
        data = names_1.default.rootData;
      } else {
        const matches = RELATIVE_JSON_POINTER.exec($data);
        if (!matches)
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        const up = +matches[1];
        jsonPointer = matches[2];
        if (jsonPointer === "#") {
          if (up >= dataLevel)
            throw new Error(errorMsg("property/index", up));
          return dataPathArr[dataLevel - up];
        }
        if (up > dataLevel)
          throw new Error(errorMsg("data", up));
        data = dataNames[dataLevel - up];
        if (!jsonPointer)
          return data;
      }
      let expr = data;
      const segments = jsonPointer.split("/");
      for (const segment of segments) {
        if (segment) {
          data = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`;
          expr = (0, codegen_1._)`${expr} && ${data}`;
        }
      }
      return expr;
      function errorMsg(pointerType, up) {
        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
      }
    }
    exports.getData = getData;
  }
});

// node_modules/ajv/dist/runtime/validation_error.js
var require_validation_error = __commonJS({
  "node_modules/ajv/dist/runtime/validation_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var ValidationError = class extends Error {
      constructor(errors) {
        super("validation failed");
        this.errors = errors;
        this.ajv = this.validation = true;
      }
    };
    exports.default = ValidationError;
  }
});

// node_modules/ajv/dist/compile/ref_error.js
var require_ref_error = __commonJS({
  "node_modules/ajv/dist/compile/ref_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var resolve_1 = require_resolve();
    var MissingRefError = class extends Error {
      constructor(resolver, baseId, ref, msg) {
        super(msg || `can't resolve reference ${ref} from id ${baseId}`);
        this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref);
        this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
      }
    };
    exports.default = MissingRefError;
  }
});

// node_modules/ajv/dist/compile/index.js
var require_compile = __commonJS({
  "node_modules/ajv/dist/compile/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.resolveSchema = exports.getCompilingSchema = exports.resolveRef = exports.compileSchema = exports.SchemaEnv = void 0;
    var codegen_1 = require_codegen();
    var validation_error_1 = require_validation_error();
    var names_1 = require_names();
    var resolve_1 = require_resolve();
    var util_1 = require_util();
    var validate_1 = require_validate();
    var SchemaEnv = class {
      constructor(env) {
        var _a;
        this.refs = {};
        this.dynamicAnchors = {};
        let schema;
        if (typeof env.schema == "object")
          schema = env.schema;
        this.schema = env.schema;
        this.schemaId = env.schemaId;
        this.root = env.root || this;
        this.baseId = (_a = env.baseId) !== null && _a !== void 0 ? _a : (0, resolve_1.normalizeId)(schema === null || schema === void 0 ? void 0 : schema[env.schemaId || "$id"]);
        this.schemaPath = env.schemaPath;
        this.localRefs = env.localRefs;
        this.meta = env.meta;
        this.$async = schema === null || schema === void 0 ? void 0 : schema.$async;
        this.refs = {};
      }
    };
    exports.SchemaEnv = SchemaEnv;
    function compileSchema(sch) {
      const _sch = getCompilingSchema.call(this, sch);
      if (_sch)
        return _sch;
      const rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId);
      const { es5, lines } = this.opts.code;
      const { ownProperties } = this.opts;
      const gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties });
      let _ValidationError;
      if (sch.$async) {
        _ValidationError = gen.scopeValue("Error", {
          ref: validation_error_1.default,
          code: (0, codegen_1._)`require("ajv/dist/runtime/validation_error").default`
        });
      }
      const validateName = gen.scopeName("validate");
      sch.validateName = validateName;
      const schemaCxt = {
        gen,
        allErrors: this.opts.allErrors,
        data: names_1.default.data,
        parentData: names_1.default.parentData,
        parentDataProperty: names_1.default.parentDataProperty,
        dataNames: [names_1.default.data],
        dataPathArr: [codegen_1.nil],
        // TODO can its length be used as dataLevel if nil is removed?
        dataLevel: 0,
        dataTypes: [],
        definedProperties: /* @__PURE__ */ new Set(),
        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === true ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) } : { ref: sch.schema }),
        validateName,
        ValidationError: _ValidationError,
        schema: sch.schema,
        schemaEnv: sch,
        rootId,
        baseId: sch.baseId || rootId,
        schemaPath: codegen_1.nil,
        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
        errorPath: (0, codegen_1._)`""`,
        opts: this.opts,
        self: this
      };
      let sourceCode;
      try {
        this._compilations.add(sch);
        (0, validate_1.validateFunctionCode)(schemaCxt);
        gen.optimize(this.opts.code.optimize);
        const validateCode = gen.toString();
        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`;
        if (this.opts.code.process)
          sourceCode = this.opts.code.process(sourceCode, sch);
        const makeValidate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode);
        const validate = makeValidate(this, this.scope.get());
        this.scope.value(validateName, { ref: validate });
        validate.errors = null;
        validate.schema = sch.schema;
        validate.schemaEnv = sch;
        if (sch.$async)
          validate.$async = true;
        if (this.opts.code.source === true) {
          validate.source = { validateName, validateCode, scopeValues: gen._values };
        }
        if (this.opts.unevaluated) {
          const { props, items } = schemaCxt;
          validate.evaluated = {
            props: props instanceof codegen_1.Name ? void 0 : props,
            items: items instanceof codegen_1.Name ? void 0 : items,
            dynamicProps: props instanceof codegen_1.Name,
            dynamicItems: items instanceof codegen_1.Name
          };
          if (validate.source)
            validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated);
        }
        sch.validate = validate;
        return sch;
      } catch (e) {
        delete sch.validate;
        delete sch.validateName;
        if (sourceCode)
          this.logger.error("Error compiling schema, function code:", sourceCode);
        throw e;
      } finally {
        this._compilations.delete(sch);
      }
    }
    exports.compileSchema = compileSchema;
    function resolveRef(root, baseId, ref) {
      var _a;
      ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
      const schOrFunc = root.refs[ref];
      if (schOrFunc)
        return schOrFunc;
      let _sch = resolve.call(this, root, ref);
      if (_sch === void 0) {
        const schema = (_a = root.localRefs) === null || _a === void 0 ? void 0 : _a[ref];
        const { schemaId } = this.opts;
        if (schema)
          _sch = new SchemaEnv({ schema, schemaId, root, baseId });
      }
      if (_sch === void 0)
        return;
      return root.refs[ref] = inlineOrCompile.call(this, _sch);
    }
    exports.resolveRef = resolveRef;
    function inlineOrCompile(sch) {
      if ((0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs))
        return sch.schema;
      return sch.validate ? sch : compileSchema.call(this, sch);
    }
    function getCompilingSchema(schEnv) {
      for (const sch of this._compilations) {
        if (sameSchemaEnv(sch, schEnv))
          return sch;
      }
    }
    exports.getCompilingSchema = getCompilingSchema;
    function sameSchemaEnv(s1, s2) {
      return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
    }
    function resolve(root, ref) {
      let sch;
      while (typeof (sch = this.refs[ref]) == "string")
        ref = sch;
      return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
    }
    function resolveSchema(root, ref) {
      const p = this.opts.uriResolver.parse(ref);
      const refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p);
      let baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, void 0);
      if (Object.keys(root.schema).length > 0 && refPath === baseId) {
        return getJsonPointer.call(this, p, root);
      }
      const id = (0, resolve_1.normalizeId)(refPath);
      const schOrRef = this.refs[id] || this.schemas[id];
      if (typeof schOrRef == "string") {
        const sch = resolveSchema.call(this, root, schOrRef);
        if (typeof (sch === null || sch === void 0 ? void 0 : sch.schema) !== "object")
          return;
        return getJsonPointer.call(this, p, sch);
      }
      if (typeof (schOrRef === null || schOrRef === void 0 ? void 0 : schOrRef.schema) !== "object")
        return;
      if (!schOrRef.validate)
        compileSchema.call(this, schOrRef);
      if (id === (0, resolve_1.normalizeId)(ref)) {
        const { schema } = schOrRef;
        const { schemaId } = this.opts;
        const schId = schema[schemaId];
        if (schId)
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        return new SchemaEnv({ schema, schemaId, root, baseId });
      }
      return getJsonPointer.call(this, p, schOrRef);
    }
    exports.resolveSchema = resolveSchema;
    var PREVENT_SCOPE_CHANGE = /* @__PURE__ */ new Set([
      "properties",
      "patternProperties",
      "enum",
      "dependencies",
      "definitions"
    ]);
    function getJsonPointer(parsedRef, { baseId, schema, root }) {
      var _a;
      if (((_a = parsedRef.fragment) === null || _a === void 0 ? void 0 : _a[0]) !== "/")
        return;
      for (const part of parsedRef.fragment.slice(1).split("/")) {
        if (typeof schema === "boolean")
          return;
        const partSchema = schema[(0, util_1.unescapeFragment)(part)];
        if (partSchema === void 0)
          return;
        schema = partSchema;
        const schId = typeof schema === "object" && schema[this.opts.schemaId];
        if (!PREVENT_SCOPE_CHANGE.has(part) && schId) {
          baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        }
      }
      let env;
      if (typeof schema != "boolean" && schema.$ref && !(0, util_1.schemaHasRulesButRef)(schema, this.RULES)) {
        const $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema.$ref);
        env = resolveSchema.call(this, root, $ref);
      }
      const { schemaId } = this.opts;
      env = env || new SchemaEnv({ schema, schemaId, root, baseId });
      if (env.schema !== env.root.schema)
        return env;
      return void 0;
    }
  }
});

// node_modules/ajv/dist/refs/data.json
var require_data = __commonJS({
  "node_modules/ajv/dist/refs/data.json"(exports, module) {
    module.exports = {
      $id: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
      description: "Meta-schema for $data reference (JSON AnySchema extension proposal)",
      type: "object",
      required: ["$data"],
      properties: {
        $data: {
          type: "string",
          anyOf: [{ format: "relative-json-pointer" }, { format: "json-pointer" }]
        }
      },
      additionalProperties: false
    };
  }
});

// node_modules/fast-uri/lib/utils.js
var require_utils = __commonJS({
  "node_modules/fast-uri/lib/utils.js"(exports, module) {
    "use strict";
    var isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu);
    var isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u);
    var isPort = RegExp.prototype.test.bind(/^\d*$/u);
    var isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu);
    var isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu);
    var isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u);
    var isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u);
    var isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u);
    var BYTE_HEX = new Array(256);
    {
      const HEX_DIGITS = "0123456789ABCDEF";
      for (let i = 0; i < 256; i++) {
        BYTE_HEX[i] = "%" + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15];
      }
    }
    function percentEncodeNonAscii(cp) {
      if (cp < 2048) {
        return BYTE_HEX[192 | cp >> 6] + BYTE_HEX[128 | cp & 63];
      }
      if (cp < 65536) {
        return BYTE_HEX[224 | cp >> 12] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63];
      }
      return BYTE_HEX[240 | cp >> 18] + BYTE_HEX[128 | cp >> 12 & 63] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63];
    }
    function stringArrayToHexStripped(input) {
      let acc = "";
      let code = 0;
      let i = 0;
      for (i = 0; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (code === 48) {
          continue;
        }
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
        break;
      }
      for (i += 1; i < input.length; i++) {
        code = input[i].charCodeAt(0);
        if (!(code >= 48 && code <= 57 || code >= 65 && code <= 70 || code >= 97 && code <= 102)) {
          return "";
        }
        acc += input[i];
      }
      return acc;
    }
    var isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/);
    var isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/);
    var isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/);
    var nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u);
    function isZoneIdentifier(zone) {
      if (zone.length === 0) return false;
      for (let i = 0; i < zone.length; i++) {
        if (isZoneCharacter(zone[i])) continue;
        if (zone[i] === "%" && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
          i += 2;
          continue;
        }
        return false;
      }
      return true;
    }
    function compressIPv6ZeroRun(hextets) {
      let bestStart = -1;
      let bestLength = 0;
      let runStart = -1;
      let runLength = 0;
      for (let i = 0; i < hextets.length; i++) {
        if (hextets[i] === "0") {
          if (runStart === -1) runStart = i;
          runLength++;
          if (runLength > bestLength) {
            bestLength = runLength;
            bestStart = runStart;
          }
        } else {
          runStart = -1;
          runLength = 0;
        }
      }
      if (bestLength < 2) return hextets.join(":");
      const head = hextets.slice(0, bestStart).join(":");
      const tail = hextets.slice(bestStart + bestLength).join(":");
      return head + "::" + tail;
    }
    function normalizeIPv6Address(input) {
      const compression = input.indexOf("::");
      if (compression !== -1 && input.indexOf("::", compression + 1) !== -1) return void 0;
      const left = compression === -1 ? input.split(":") : input.slice(0, compression).split(":");
      const right = compression === -1 ? [] : input.slice(compression + 2).split(":");
      if (compression !== -1) {
        if (left.length === 1 && left[0] === "") left.length = 0;
        if (right.length === 1 && right[0] === "") right.length = 0;
      }
      const parts = left.concat(right);
      let hextetCount = 0;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (part === "") return void 0;
        if (part.indexOf(".") !== -1) {
          if (i !== parts.length - 1 || compression !== -1 && right.length === 0 || !isIPv4(part)) return void 0;
          hextetCount += 2;
          continue;
        }
        if (!isHextet(part)) return void 0;
        parts[i] = parseInt(part, 16).toString(16);
        hextetCount++;
      }
      if (compression === -1) {
        if (hextetCount !== 8) return void 0;
        return compressIPv6ZeroRun(parts);
      }
      if (hextetCount >= 8) return void 0;
      const expanded = parts.slice(0, left.length);
      for (let i = hextetCount; i < 8; i++) expanded.push("0");
      for (let i = left.length; i < parts.length; i++) expanded.push(parts[i]);
      return compressIPv6ZeroRun(expanded);
    }
    function normalizeIPv6(host) {
      const bracketed = host[0] === "[" && host[host.length - 1] === "]";
      const hasBracket = host[0] === "[" || host[host.length - 1] === "]";
      if (hasBracket && !bracketed) return { host, isIPV6: false, error: true };
      let input = bracketed ? host.slice(1, -1) : host;
      if (bracketed && isIPvFuture(input)) {
        input = input.toLowerCase();
        return { host: `[${input}]`, escapedHost: input, isIPV6: false, isIPVFuture: true };
      }
      if (findToken(input, ":") < 2) {
        return { host, isIPV6: false, error: bracketed };
      }
      let zoneIdentifier = "";
      const zoneSeparator = input.indexOf("%");
      if (zoneSeparator !== -1) {
        const separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === "%25" ? 3 : 1;
        zoneIdentifier = input.slice(zoneSeparator + separatorLength);
        if (!isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: false, error: true };
        input = input.slice(0, zoneSeparator);
      }
      const address = normalizeIPv6Address(input);
      if (address === void 0) return { host, isIPV6: false, error: true };
      return {
        host: address + (zoneIdentifier ? "%" + zoneIdentifier : ""),
        escapedHost: address + (zoneIdentifier ? "%25" + zoneIdentifier : ""),
        isIPV6: true
      };
    }
    function findToken(str, token) {
      let ind = 0;
      for (let i = 0; i < str.length; i++) {
        if (str[i] === token) ind++;
      }
      return ind;
    }
    function removeDotSegments(path4) {
      let input = path4;
      const output = [];
      let nextSlash = -1;
      let len = 0;
      while (len = input.length) {
        if (len === 1) {
          if (input === ".") {
            break;
          } else if (input === "/") {
            output.push("/");
            break;
          } else {
            output.push(input);
            break;
          }
        } else if (len === 2) {
          if (input[0] === ".") {
            if (input[1] === ".") {
              break;
            } else if (input[1] === "/") {
              input = input.slice(2);
              continue;
            }
          } else if (input[0] === "/") {
            if (input[1] === "." || input[1] === "/") {
              output.push("/");
              break;
            }
          }
        } else if (len === 3) {
          if (input === "/..") {
            if (output.length !== 0) {
              output.pop();
            }
            output.push("/");
            break;
          }
        }
        if (input[0] === ".") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(3);
              continue;
            }
          } else if (input[1] === "/") {
            input = input.slice(2);
            continue;
          }
        } else if (input[0] === "/") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(2);
              continue;
            } else if (input[2] === ".") {
              if (input[3] === "/") {
                input = input.slice(3);
                if (output.length !== 0) {
                  output.pop();
                }
                continue;
              }
            }
          }
        }
        if ((nextSlash = input.indexOf("/", 1)) === -1) {
          output.push(input);
          break;
        } else {
          output.push(input.slice(0, nextSlash));
          input = input.slice(nextSlash);
        }
      }
      return output.join("");
    }
    function removeDotSegmentsRelative(path4) {
      if (path4 === "" || path4[0] === "/") {
        return removeDotSegments(path4);
      }
      const segments = path4.split("/");
      const last = segments.length - 1;
      const output = [];
      let trailingDirectory = false;
      for (let i = 0; i <= last; i++) {
        const segment = segments[i];
        if (segment === "." || segment === "..") {
          if (segment === "..") {
            if (output.length !== 0 && output[output.length - 1] !== "..") {
              output.pop();
            } else {
              output.push("..");
            }
          }
          trailingDirectory = i === last;
        } else {
          output.push(segment);
        }
      }
      if (trailingDirectory && output[output.length - 1] !== "..") {
        output.push("");
      }
      if (output.length === 0 || output[0] === "" || output[0].includes(":")) {
        output.unshift(".");
      }
      return output.join("/");
    }
    var HOST_DELIMS = { "@": "%40", "/": "%2F", "?": "%3F", "#": "%23", ":": "%3A" };
    var HOST_DELIM_RE = /[@/?#:]/g;
    var HOST_DELIM_NO_COLON_RE = /[@/?#]/g;
    function reescapeHostDelimiters(host, isIP) {
      const re = isIP ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE;
      re.lastIndex = 0;
      return host.replace(re, (ch) => HOST_DELIMS[ch]);
    }
    function normalizePercentEncoding(input, decodeUnreserved = false) {
      if (input.indexOf("%") === -1) {
        return input;
      }
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decodeUnreserved && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        output += input[i];
      }
      return output;
    }
    function normalizePathEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (decoded !== "." && isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isPathCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function serializePathEncoding(input, pathNoScheme = false) {
      let output = "";
      let firstSegment = pathNoScheme && input[0] !== "/";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (ch === "/") {
          firstSegment = false;
        }
        if (isPathCharacter(ch) && (ch !== ":" || !firstSegment)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeComponent(input, isAllowed) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        if (isAllowed(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function encodeUserinfo(input) {
      return encodeComponent(input, isUserinfoCharacter);
    }
    function encodeQuery(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function encodeFragment(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function isEscapeSafe(cp) {
      return cp >= 48 && cp <= 57 || cp >= 65 && cp <= 90 || cp >= 97 && cp <= 122 || cp === 42 || cp === 43 || cp === 45 || cp === 46 || cp === 47 || cp === 64 || cp === 95;
    }
    function normalizeQueryFragmentEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            const normalizedHex = hex.toUpperCase();
            const decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            if (isUnreserved(decoded)) {
              output += decoded;
            } else {
              output += "%" + normalizedHex;
            }
            i += 2;
            continue;
          }
        }
        if (isQueryFragmentCharacter(ch)) {
          output += ch;
        } else {
          const code = input.charCodeAt(i);
          if (code < 128) {
            output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
          } else if (code < 55296 || code > 57343) {
            output += percentEncodeNonAscii(code);
          } else if (code <= 56319 && i + 1 < input.length) {
            const low = input.charCodeAt(i + 1);
            if (low >= 56320 && low <= 57343) {
              output += percentEncodeNonAscii(65536 + (code - 55296 << 10) + (low - 56320));
              i++;
            } else {
              output += percentEncodeNonAscii(65533);
            }
          } else {
            output += percentEncodeNonAscii(65533);
          }
        }
      }
      return output;
    }
    function escapePreservingEscapes(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          const hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase();
            i += 2;
            continue;
          }
        }
        output += escape(input[i]);
      }
      return output;
    }
    function recomposeAuthority(component) {
      const uriTokens = [];
      if (component.userinfo !== void 0) {
        uriTokens.push(encodeUserinfo(component.userinfo));
        uriTokens.push("@");
      }
      if (component.host !== void 0) {
        let host = component.host;
        if (!isIPv4(host)) {
          let ipV6res = normalizeIPv6(host);
          if (ipV6res.isIPV6 !== true && ipV6res.isIPVFuture !== true) {
            host = normalizePercentEncoding(host, true);
            ipV6res = normalizeIPv6(host);
          }
          if (ipV6res.isIPV6 === true || ipV6res.isIPVFuture === true) {
            host = `[${ipV6res.escapedHost}]`;
          } else {
            host = reescapeHostDelimiters(host, false);
          }
        }
        uriTokens.push(host);
      }
      if (typeof component.port === "number" || typeof component.port === "string") {
        const port = String(component.port);
        if (!isPort(port)) {
          throw new TypeError("URI port is malformed.");
        }
        uriTokens.push(":");
        uriTokens.push(port);
      }
      return uriTokens.length ? uriTokens.join("") : void 0;
    }
    module.exports = {
      nonSimpleDomain,
      recomposeAuthority,
      reescapeHostDelimiters,
      normalizePercentEncoding,
      normalizePathEncoding,
      serializePathEncoding,
      normalizeQueryFragmentEncoding,
      encodeUserinfo,
      encodeQuery,
      encodeFragment,
      escapePreservingEscapes,
      removeDotSegments,
      removeDotSegmentsRelative,
      isIPv4,
      isUUID,
      normalizeIPv6,
      stringArrayToHexStripped
    };
  }
});

// node_modules/fast-uri/lib/schemes.js
var require_schemes = __commonJS({
  "node_modules/fast-uri/lib/schemes.js"(exports, module) {
    "use strict";
    var { isUUID } = require_utils();
    var URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu;
    var supportedSchemeNames = (
      /** @type {const} */
      [
        "http",
        "https",
        "ws",
        "wss",
        "urn",
        "urn:uuid"
      ]
    );
    function isValidSchemeName(name) {
      return supportedSchemeNames.indexOf(
        /** @type {*} */
        name
      ) !== -1;
    }
    function wsIsSecure(wsComponent) {
      if (wsComponent.secure === true) {
        return true;
      } else if (wsComponent.secure === false) {
        return false;
      } else if (wsComponent.scheme) {
        return wsComponent.scheme.length === 3 && (wsComponent.scheme[0] === "w" || wsComponent.scheme[0] === "W") && (wsComponent.scheme[1] === "s" || wsComponent.scheme[1] === "S") && (wsComponent.scheme[2] === "s" || wsComponent.scheme[2] === "S");
      } else {
        return false;
      }
    }
    function httpParse(component) {
      if (!component.host) {
        component.error = component.error || "HTTP URIs must have a host.";
      }
      return component;
    }
    function httpSerialize(component) {
      const secure = String(component.scheme).toLowerCase() === "https";
      if (component.port === (secure ? 443 : 80) || component.port === "") {
        component.port = void 0;
      }
      if (!component.path) {
        component.path = "/";
      }
      return component;
    }
    function wsParse(wsComponent) {
      wsComponent.secure = wsIsSecure(wsComponent);
      wsComponent.resourceName = (wsComponent.path || "/") + (wsComponent.query ? "?" + wsComponent.query : "");
      wsComponent.path = void 0;
      wsComponent.query = void 0;
      return wsComponent;
    }
    function wsSerialize(wsComponent) {
      if (wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === "") {
        wsComponent.port = void 0;
      }
      if (typeof wsComponent.secure === "boolean") {
        wsComponent.scheme = wsComponent.secure ? "wss" : "ws";
        wsComponent.secure = void 0;
      }
      if (wsComponent.resourceName) {
        const queryIndex = wsComponent.resourceName.indexOf("?");
        const path4 = queryIndex === -1 ? wsComponent.resourceName : wsComponent.resourceName.slice(0, queryIndex);
        wsComponent.path = path4 && path4 !== "/" ? path4 : void 0;
        wsComponent.query = queryIndex === -1 ? void 0 : wsComponent.resourceName.slice(queryIndex + 1);
        wsComponent.resourceName = void 0;
      }
      wsComponent.fragment = void 0;
      return wsComponent;
    }
    function urnParse(urnComponent, options2) {
      if (!urnComponent.path) {
        urnComponent.error = "URN can not be parsed";
        return urnComponent;
      }
      const matches = urnComponent.path.match(URN_REG);
      if (matches && matches[0] === urnComponent.path) {
        const scheme = options2.scheme || urnComponent.scheme || "urn";
        urnComponent.nid = matches[1].toLowerCase();
        urnComponent.nss = matches[2];
        const urnScheme = `${scheme}:${options2.nid || urnComponent.nid}`;
        const schemeHandler = getSchemeHandler(urnScheme);
        urnComponent.path = void 0;
        if (schemeHandler) {
          urnComponent = schemeHandler.parse(urnComponent, options2);
        }
      } else {
        urnComponent.error = urnComponent.error || "URN can not be parsed.";
      }
      return urnComponent;
    }
    function urnSerialize(urnComponent, options2) {
      if (urnComponent.nid === void 0) {
        throw new Error("URN without nid cannot be serialized");
      }
      const scheme = options2.scheme || urnComponent.scheme || "urn";
      const nid = urnComponent.nid.toLowerCase();
      const urnScheme = `${scheme}:${options2.nid || nid}`;
      const schemeHandler = getSchemeHandler(urnScheme);
      if (schemeHandler) {
        urnComponent = schemeHandler.serialize(urnComponent, options2);
      }
      const uriComponent = urnComponent;
      const nss = urnComponent.nss;
      uriComponent.path = `${nid || options2.nid}:${nss}`;
      options2.skipEscape = true;
      return uriComponent;
    }
    function urnuuidParse(urnComponent, options2) {
      const uuidComponent = urnComponent;
      uuidComponent.uuid = uuidComponent.nss;
      uuidComponent.nss = void 0;
      if (!options2.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid))) {
        uuidComponent.error = uuidComponent.error || "UUID is not valid.";
      }
      return uuidComponent;
    }
    function urnuuidSerialize(uuidComponent) {
      const urnComponent = uuidComponent;
      urnComponent.nss = (uuidComponent.uuid || "").toLowerCase();
      return urnComponent;
    }
    var http2 = (
      /** @type {SchemeHandler} */
      {
        scheme: "http",
        domainHost: true,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var https3 = (
      /** @type {SchemeHandler} */
      {
        scheme: "https",
        domainHost: http2.domainHost,
        parse: httpParse,
        serialize: httpSerialize
      }
    );
    var ws = (
      /** @type {SchemeHandler} */
      {
        scheme: "ws",
        domainHost: true,
        parse: wsParse,
        serialize: wsSerialize
      }
    );
    var wss = (
      /** @type {SchemeHandler} */
      {
        scheme: "wss",
        domainHost: ws.domainHost,
        parse: ws.parse,
        serialize: ws.serialize
      }
    );
    var urn = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn",
        parse: urnParse,
        serialize: urnSerialize,
        skipNormalize: true
      }
    );
    var urnuuid = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn:uuid",
        parse: urnuuidParse,
        serialize: urnuuidSerialize,
        skipNormalize: true
      }
    );
    var SCHEMES = (
      /** @type {Record<SchemeName, SchemeHandler>} */
      {
        http: http2,
        https: https3,
        ws,
        wss,
        urn,
        "urn:uuid": urnuuid
      }
    );
    Object.setPrototypeOf(SCHEMES, null);
    function getSchemeHandler(scheme) {
      return scheme && (SCHEMES[
        /** @type {SchemeName} */
        scheme
      ] || SCHEMES[
        /** @type {SchemeName} */
        scheme.toLowerCase()
      ]) || void 0;
    }
    module.exports = {
      wsIsSecure,
      SCHEMES,
      isValidSchemeName,
      getSchemeHandler
    };
  }
});

// node_modules/fast-uri/index.js
var require_fast_uri = __commonJS({
  "node_modules/fast-uri/index.js"(exports, module) {
    "use strict";
    var { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = require_utils();
    var { SCHEMES, getSchemeHandler } = require_schemes();
    var VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u;
    var MALFORMED_SCHEME_ERROR = "URI scheme is malformed.";
    var MALFORMED_HOST_ERROR = "URI host is malformed.";
    var FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u;
    function validateScheme(scheme) {
      const stringScheme = String(scheme);
      if (!VALID_SCHEME.test(stringScheme)) {
        throw new TypeError(MALFORMED_SCHEME_ERROR);
      }
      return stringScheme;
    }
    function normalize(uri, options2) {
      if (typeof uri === "string") {
        uri = /** @type {T} */
        normalizeString(uri, options2);
      } else if (typeof uri === "object") {
        uri = /** @type {T} */
        parse(serialize(uri, options2), options2);
      }
      return uri;
    }
    function resolve(baseURI, relativeURI, options2) {
      const schemelessOptions = options2 ? Object.assign({ scheme: "null" }, options2) : { scheme: "null" };
      const {
        parsed: baseParsed,
        malformedAuthorityOrPort: baseMalformed,
        malformedPercentEncoding: baseMalformedPercentEncoding,
        malformedSchemeSpecific: baseMalformedSchemeSpecific,
        malformedHost: baseMalformedHost,
        malformedScheme: baseMalformedScheme
      } = parseWithStatus(baseURI, schemelessOptions);
      const {
        parsed: relativeParsed,
        malformedAuthorityOrPort: relativeMalformed,
        malformedPercentEncoding: relativeMalformedPercentEncoding,
        malformedSchemeSpecific: relativeMalformedSchemeSpecific,
        malformedHost: relativeMalformedHost,
        malformedScheme: relativeMalformedScheme
      } = parseWithStatus(relativeURI, schemelessOptions);
      if (baseMalformed || relativeMalformed || baseMalformedPercentEncoding || relativeMalformedPercentEncoding || baseMalformedSchemeSpecific || relativeMalformedSchemeSpecific || baseMalformedHost || relativeMalformedHost || baseMalformedScheme || relativeMalformedScheme) {
        throw new Error(baseParsed.error || relativeParsed.error || "URI is malformed.");
      }
      const resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, true);
      const resolvedSchemeHandler = getSchemeHandler(options2 && options2.scheme || resolved.scheme);
      const resolvedHost = resolved.host;
      const resolvedHostIsIP = resolvedHost !== void 0 && resolvedHost !== "" && (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6);
      if (hasForbiddenDomainHost(resolved, options2 || {}, resolvedSchemeHandler, resolvedHostIsIP)) {
        throw new Error(MALFORMED_HOST_ERROR);
      }
      canonicalizeHost(resolved, options2 || {}, resolvedSchemeHandler, resolvedHostIsIP);
      const encodedASCIIHost = resolvedHost && resolvedHost.indexOf("%") !== -1 && !new RegExp("\\P{ASCII}", "u").test(resolvedHost);
      if (resolved.error && !encodedASCIIHost) {
        throw new Error(resolved.error);
      }
      schemelessOptions.skipEscape = true;
      return serialize(resolved, schemelessOptions);
    }
    function resolveComponent(base, relative, options2, skipNormalization) {
      const target = {};
      if (!skipNormalization) {
        base = parse(serialize(base, options2), options2);
        relative = parse(serialize(relative, options2), options2);
      }
      options2 = options2 || {};
      if (!options2.tolerant && relative.scheme) {
        target.scheme = relative.scheme;
        target.userinfo = relative.userinfo;
        target.host = relative.host;
        target.port = relative.port;
        target.path = removeDotSegments(relative.path || "");
        target.query = relative.query;
      } else {
        if (relative.userinfo !== void 0 || relative.host !== void 0 || relative.port !== void 0) {
          target.userinfo = relative.userinfo;
          target.host = relative.host;
          target.port = relative.port;
          target.path = removeDotSegments(relative.path || "");
          target.query = relative.query;
        } else {
          if (!relative.path) {
            target.path = base.path;
            if (relative.query !== void 0) {
              target.query = relative.query;
            } else {
              target.query = base.query;
            }
          } else {
            if (relative.path[0] === "/") {
              target.path = removeDotSegments(relative.path);
            } else {
              const baseHasAuthority = base.userinfo !== void 0 || base.host !== void 0 || base.port !== void 0;
              if (baseHasAuthority && !base.path) {
                target.path = "/" + relative.path;
              } else if (!base.path) {
                target.path = relative.path;
              } else {
                target.path = base.path.slice(0, base.path.lastIndexOf("/") + 1) + relative.path;
              }
              target.path = base.scheme === void 0 && !baseHasAuthority && target.path[0] !== "/" ? removeDotSegmentsRelative(target.path) : removeDotSegments(target.path);
            }
            target.query = relative.query;
          }
          target.userinfo = base.userinfo;
          target.host = base.host;
          target.port = base.port;
        }
        target.scheme = base.scheme;
      }
      target.fragment = relative.fragment;
      return target;
    }
    function equal(uriA, uriB, options2) {
      const normalizedA = normalizeComparableURI(uriA, options2);
      const normalizedB = normalizeComparableURI(uriB, options2);
      return normalizedA !== void 0 && normalizedB !== void 0 && normalizedA === normalizedB;
    }
    function serialize(cmpts, opts) {
      const component = {
        host: cmpts.host,
        scheme: cmpts.scheme,
        userinfo: cmpts.userinfo,
        port: cmpts.port,
        path: cmpts.path,
        query: cmpts.query,
        nid: cmpts.nid,
        nss: cmpts.nss,
        uuid: cmpts.uuid,
        fragment: cmpts.fragment,
        reference: cmpts.reference,
        resourceName: cmpts.resourceName,
        secure: cmpts.secure,
        error: ""
      };
      const options2 = Object.assign({}, opts);
      const uriTokens = [];
      if (component.scheme) {
        component.scheme = validateScheme(component.scheme);
      }
      const schemeHandler = getSchemeHandler(options2.scheme || component.scheme);
      if (schemeHandler && schemeHandler.serialize) schemeHandler.serialize(component, options2);
      const hasAuthority = component.userinfo !== void 0 || component.host !== void 0 || component.port !== void 0;
      const schemelessReference = (component.scheme === void 0 || options2.reference === "suffix") && !hasAuthority;
      const pathNoScheme = !options2.skipEscape && schemelessReference;
      if (component.path !== void 0) {
        if (!options2.skipEscape) {
          component.path = serializePathEncoding(component.path, pathNoScheme);
        } else {
          component.path = normalizePercentEncoding(component.path);
        }
      }
      if (options2.reference !== "suffix" && component.scheme) {
        component.scheme = validateScheme(component.scheme);
        uriTokens.push(component.scheme, ":");
      }
      const authority = recomposeAuthority(component);
      if (authority !== void 0) {
        if (options2.reference !== "suffix") {
          uriTokens.push("//");
        }
        uriTokens.push(authority);
        if (component.path && component.path[0] !== "/") {
          uriTokens.push("/");
        }
      }
      if (component.path !== void 0) {
        let s = component.path;
        if (!options2.absolutePath && (!schemeHandler || !schemeHandler.absolutePath)) {
          s = schemelessReference && s[0] !== "/" ? removeDotSegmentsRelative(s) : removeDotSegments(s);
        }
        if (schemelessReference) {
          s = serializePathEncoding(s, true);
        }
        if (authority === void 0 && s[0] === "/" && s[1] === "/") {
          s = "/%2F" + s.slice(2);
        }
        uriTokens.push(s);
      }
      if (component.query !== void 0) {
        uriTokens.push("?", encodeQuery(component.query));
      }
      if (component.fragment !== void 0) {
        uriTokens.push("#", encodeFragment(component.fragment));
      }
      return uriTokens.join("");
    }
    var URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u;
    var AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/;
    var AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/;
    function getParseError(parsed, matches) {
      if (matches[2] !== void 0 && parsed.path && parsed.path[0] !== "/") {
        return 'URI path must start with "/" when authority is present.';
      }
      if (typeof parsed.port === "number" && (parsed.port < 0 || parsed.port > 65535)) {
        return "URI port is malformed.";
      }
      return void 0;
    }
    function hasMalformedPercentEncoding(component) {
      if (component === void 0) return false;
      let percent = component.indexOf("%");
      while (percent !== -1) {
        if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3))) {
          return true;
        }
        percent = component.indexOf("%", percent + 3);
      }
      return false;
    }
    function isIPLiteral(host) {
      return host[0] === "[" && host[host.length - 1] === "]";
    }
    function hasMalformedComponentPercentEncoding(matches) {
      const host = matches[4];
      return hasMalformedPercentEncoding(matches[3]) || host !== void 0 && !isIPLiteral(host) && hasMalformedPercentEncoding(host) || hasMalformedPercentEncoding(matches[6]) || hasMalformedPercentEncoding(matches[7]) || hasMalformedPercentEncoding(matches[8]);
    }
    function canonicalizeHost(parsed, options2, schemeHandler, isIP) {
      if (hasForbiddenDomainHost(parsed, options2, schemeHandler, isIP)) {
        parsed.error = parsed.error || MALFORMED_HOST_ERROR;
        return true;
      }
      if (!options2.unicodeSupport && (!schemeHandler || !schemeHandler.unicodeSupport) && parsed.host && !isIPLiteral(parsed.host) && (options2.domainHost || schemeHandler && schemeHandler.domainHost) && isIP === false && nonSimpleDomain(parsed.host)) {
        let url;
        try {
          url = new URL("http://" + parsed.host);
        } catch (e) {
          parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e;
          return true;
        }
        if (!isHostOnlyURL(url)) {
          parsed.error = parsed.error || MALFORMED_HOST_ERROR;
          return true;
        }
        parsed.host = url.hostname;
      }
      return false;
    }
    function hasForbiddenDomainHost(parsed, options2, schemeHandler, isIP) {
      return Boolean(
        parsed.host && isIP === false && !isIPLiteral(parsed.host) && (options2.domainHost || schemeHandler && schemeHandler.domainHost) && FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host)
      );
    }
    function isHostOnlyURL(url) {
      return url.username === "" && url.password === "" && url.port === "" && url.pathname === "/" && url.search === "" && url.hash === "" && url.hostname !== "";
    }
    function parseWithStatus(uri, opts) {
      const options2 = Object.assign({}, opts);
      const parsed = {
        scheme: void 0,
        userinfo: void 0,
        host: "",
        port: void 0,
        path: "",
        query: void 0,
        fragment: void 0
      };
      let malformedAuthorityOrPort = false;
      let malformedPercentEncoding = false;
      let malformedSchemeSpecific = false;
      let malformedHost = false;
      let malformedIPLiteral = false;
      let malformedScheme = false;
      let isIP = false;
      if (options2.reference === "suffix") {
        if (options2.scheme) {
          uri = options2.scheme + ":" + uri;
        } else {
          uri = "//" + uri;
        }
      }
      const authorityMatch = uri.match(AUTHORITY_PREFIX);
      if (authorityMatch !== null && authorityMatch[1].indexOf("\\") !== -1) {
        parsed.error = "URI authority must not contain a literal backslash.";
        malformedAuthorityOrPort = true;
      }
      const introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION);
      if (introducerMatch !== null) {
        const region = introducerMatch[1];
        const normalizedRegion = region.replace(/[\t\n\r]/g, "");
        if (normalizedRegion.length >= 2) {
          if (normalizedRegion.slice(0, 2) !== "//") {
            parsed.error = parsed.error || "URI authority must not contain a literal backslash.";
            malformedAuthorityOrPort = true;
          } else if (region.length !== normalizedRegion.length) {
            parsed.error = parsed.error || "URI authority introducer must not contain whitespace.";
            malformedAuthorityOrPort = true;
          }
        }
      }
      const matches = uri.match(URI_PARSE);
      if (matches) {
        parsed.scheme = matches[1];
        parsed.userinfo = matches[3];
        parsed.host = matches[4];
        parsed.port = parseInt(matches[5], 10);
        parsed.path = matches[6] || "";
        parsed.query = matches[7];
        parsed.fragment = matches[8];
        if (parsed.scheme !== void 0) {
          if (VALID_SCHEME.test(parsed.scheme)) {
            parsed.scheme = parsed.scheme.toLowerCase();
          } else {
            parsed.error = parsed.error || MALFORMED_SCHEME_ERROR;
            malformedScheme = true;
          }
        }
        malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches);
        if (malformedPercentEncoding) {
          parsed.error = parsed.error || "URI contains malformed percent-encoding.";
        }
        if (isNaN(parsed.port)) {
          parsed.port = matches[5];
        }
        const parseError = getParseError(parsed, matches);
        if (parseError !== void 0) {
          parsed.error = parsed.error || parseError;
          malformedAuthorityOrPort = true;
        }
        if (parsed.host) {
          const ipv4result = isIPv4(parsed.host);
          if (ipv4result === false) {
            const bracketedIPLiteral = isIPLiteral(parsed.host);
            const hasIPLiteralBracket = parsed.host.indexOf("[") !== -1 || parsed.host.indexOf("]") !== -1;
            const ipv6result = normalizeIPv6(parsed.host);
            isIP = ipv6result.isIPV6 || ipv6result.isIPVFuture === true;
            malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === true);
            parsed.host = isIP ? ipv6result.host : ipv6result.host.toLowerCase();
            if (malformedIPLiteral) {
              parsed.error = parsed.error || MALFORMED_HOST_ERROR;
              malformedAuthorityOrPort = true;
            }
          } else {
            isIP = true;
          }
        }
        if (parsed.scheme === void 0 && parsed.userinfo === void 0 && parsed.host === void 0 && parsed.port === void 0 && parsed.query === void 0 && !parsed.path) {
          parsed.reference = "same-document";
        } else if (parsed.scheme === void 0) {
          parsed.reference = "relative";
        } else if (parsed.fragment === void 0) {
          parsed.reference = "absolute";
        } else {
          parsed.reference = "uri";
        }
        if (options2.reference && options2.reference !== "suffix" && options2.reference !== parsed.reference) {
          parsed.error = parsed.error || "URI is not a " + options2.reference + " reference.";
        }
        const schemeHandler = getSchemeHandler(options2.scheme || parsed.scheme);
        if (!malformedIPLiteral) {
          malformedHost = canonicalizeHost(parsed, options2, schemeHandler, isIP);
        }
        if (uri.indexOf("%") !== -1 && parsed.host !== void 0 && !malformedIPLiteral) {
          let host = isIP ? parsed.host : normalizePercentEncoding(parsed.host, true);
          if (!isIP) {
            host = normalizePercentEncoding(host.toLowerCase());
          }
          parsed.host = isIP || options2.scheme !== "null" ? reescapeHostDelimiters(host, isIP) : host;
        }
        if (!schemeHandler || schemeHandler && !schemeHandler.skipNormalize) {
          if (parsed.path) {
            parsed.path = normalizePathEncoding(parsed.path);
          }
          if (parsed.query) {
            parsed.query = normalizeQueryFragmentEncoding(parsed.query);
          }
          if (parsed.fragment) {
            parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment);
          }
        }
        if (schemeHandler && schemeHandler.parse) {
          schemeHandler.parse(parsed, options2);
          if (schemeHandler === SCHEMES.urn && parsed.nid === void 0) {
            malformedSchemeSpecific = true;
          }
        }
      } else {
        parsed.error = parsed.error || "URI can not be parsed.";
      }
      return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme };
    }
    function parse(uri, opts) {
      return parseWithStatus(uri, opts).parsed;
    }
    function normalizeString(uri, opts) {
      return normalizeStringWithStatus(uri, opts).normalized;
    }
    function normalizeStringWithStatus(uri, opts) {
      const { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts);
      return {
        normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
        malformedAuthorityOrPort,
        malformedPercentEncoding,
        malformedSchemeSpecific,
        malformedHost,
        malformedScheme
      };
    }
    function normalizeComparableURI(uri, opts) {
      if (typeof uri !== "string" && typeof uri !== "object") {
        return void 0;
      }
      let value;
      try {
        value = typeof uri === "string" ? uri : serialize(uri, opts);
      } catch {
        return void 0;
      }
      const { normalized: normalized2, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts);
      return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? void 0 : normalized2;
    }
    var fastUri = {
      SCHEMES,
      normalize,
      resolve,
      resolveComponent,
      equal,
      serialize,
      parse
    };
    module.exports = fastUri;
    module.exports.default = fastUri;
    module.exports.fastUri = fastUri;
  }
});

// node_modules/ajv/dist/runtime/uri.js
var require_uri = __commonJS({
  "node_modules/ajv/dist/runtime/uri.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var uri = require_fast_uri();
    uri.code = 'require("ajv/dist/runtime/uri").default';
    exports.default = uri;
  }
});

// node_modules/ajv/dist/core.js
var require_core = __commonJS({
  "node_modules/ajv/dist/core.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    var ref_error_1 = require_ref_error();
    var rules_1 = require_rules();
    var compile_1 = require_compile();
    var codegen_2 = require_codegen();
    var resolve_1 = require_resolve();
    var dataType_1 = require_dataType();
    var util_1 = require_util();
    var $dataRefSchema = require_data();
    var uri_1 = require_uri();
    var defaultRegExp = (str, flags) => new RegExp(str, flags);
    defaultRegExp.code = "new RegExp";
    var META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"];
    var EXT_SCOPE_NAMES = /* @__PURE__ */ new Set([
      "validate",
      "serialize",
      "parse",
      "wrapper",
      "root",
      "schema",
      "keyword",
      "pattern",
      "formats",
      "validate$data",
      "func",
      "obj",
      "Error"
    ]);
    var removedOptions = {
      errorDataPath: "",
      format: "`validateFormats: false` can be used instead.",
      nullable: '"nullable" keyword is supported by default.',
      jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
      extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
      missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
      processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
      sourceCode: "Use option `code: {source: true}`",
      strictDefaults: "It is default now, see option `strict`.",
      strictKeywords: "It is default now, see option `strict`.",
      uniqueItems: '"uniqueItems" keyword is always validated.',
      unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
      cache: "Map is used as cache, schema object as key.",
      serialize: "Map is used as cache, schema object as key.",
      ajvErrors: "It is default now."
    };
    var deprecatedOptions = {
      ignoreKeywordsWithRef: "",
      jsPropertySyntax: "",
      unicode: '"minLength"/"maxLength" account for unicode characters by default.'
    };
    var MAX_EXPRESSION = 200;
    function requiredOptions(o) {
      var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0;
      const s = o.strict;
      const _optz = (_a = o.code) === null || _a === void 0 ? void 0 : _a.optimize;
      const optimize = _optz === true || _optz === void 0 ? 1 : _optz || 0;
      const regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp;
      const uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
      return {
        strictSchema: (_f = (_e = o.strictSchema) !== null && _e !== void 0 ? _e : s) !== null && _f !== void 0 ? _f : true,
        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : true,
        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : false,
        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
        meta: (_s = o.meta) !== null && _s !== void 0 ? _s : true,
        messages: (_t = o.messages) !== null && _t !== void 0 ? _t : true,
        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : true,
        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : true,
        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : true,
        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : true,
        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : true,
        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : true,
        uriResolver
      };
    }
    var Ajv = class {
      constructor(opts = {}) {
        this.schemas = {};
        this.refs = {};
        this.formats = /* @__PURE__ */ Object.create(null);
        this._compilations = /* @__PURE__ */ new Set();
        this._loading = {};
        this._cache = /* @__PURE__ */ new Map();
        opts = this.opts = { ...opts, ...requiredOptions(opts) };
        const { es5, lines } = this.opts.code;
        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines });
        this.logger = getLogger(opts.logger);
        const formatOpt = opts.validateFormats;
        opts.validateFormats = false;
        this.RULES = (0, rules_1.getRules)();
        checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED");
        checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn");
        this._metaOpts = getMetaSchemaOptions.call(this);
        if (opts.formats)
          addInitialFormats.call(this);
        this._addVocabularies();
        this._addDefaultMetaSchema();
        if (opts.keywords)
          addInitialKeywords.call(this, opts.keywords);
        if (typeof opts.meta == "object")
          this.addMetaSchema(opts.meta);
        addInitialSchemas.call(this);
        opts.validateFormats = formatOpt;
      }
      _addVocabularies() {
        this.addKeyword("$async");
      }
      _addDefaultMetaSchema() {
        const { $data, meta, schemaId } = this.opts;
        let _dataRefSchema = $dataRefSchema;
        if (schemaId === "id") {
          _dataRefSchema = { ...$dataRefSchema };
          _dataRefSchema.id = _dataRefSchema.$id;
          delete _dataRefSchema.$id;
        }
        if (meta && $data)
          this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], false);
      }
      defaultMeta() {
        const { meta, schemaId } = this.opts;
        return this.opts.defaultMeta = typeof meta == "object" ? meta[schemaId] || meta : void 0;
      }
      validate(schemaKeyRef, data) {
        let v;
        if (typeof schemaKeyRef == "string") {
          v = this.getSchema(schemaKeyRef);
          if (!v)
            throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
        } else {
          v = this.compile(schemaKeyRef);
        }
        const valid = v(data);
        if (!("$async" in v))
          this.errors = v.errors;
        return valid;
      }
      compile(schema, _meta) {
        const sch = this._addSchema(schema, _meta);
        return sch.validate || this._compileSchemaEnv(sch);
      }
      compileAsync(schema, meta) {
        if (typeof this.opts.loadSchema != "function") {
          throw new Error("options.loadSchema should be a function");
        }
        const { loadSchema } = this.opts;
        return runCompileAsync.call(this, schema, meta);
        async function runCompileAsync(_schema, _meta) {
          await loadMetaSchema.call(this, _schema.$schema);
          const sch = this._addSchema(_schema, _meta);
          return sch.validate || _compileAsync.call(this, sch);
        }
        async function loadMetaSchema($ref) {
          if ($ref && !this.getSchema($ref)) {
            await runCompileAsync.call(this, { $ref }, true);
          }
        }
        async function _compileAsync(sch) {
          try {
            return this._compileSchemaEnv(sch);
          } catch (e) {
            if (!(e instanceof ref_error_1.default))
              throw e;
            checkLoaded.call(this, e);
            await loadMissingSchema.call(this, e.missingSchema);
            return _compileAsync.call(this, sch);
          }
        }
        function checkLoaded({ missingSchema: ref, missingRef }) {
          if (this.refs[ref]) {
            throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
          }
        }
        async function loadMissingSchema(ref) {
          const _schema = await _loadSchema.call(this, ref);
          if (!this.refs[ref])
            await loadMetaSchema.call(this, _schema.$schema);
          if (!this.refs[ref])
            this.addSchema(_schema, ref, meta);
        }
        async function _loadSchema(ref) {
          const p = this._loading[ref];
          if (p)
            return p;
          try {
            return await (this._loading[ref] = loadSchema(ref));
          } finally {
            delete this._loading[ref];
          }
        }
      }
      // Adds schema to the instance
      addSchema(schema, key, _meta, _validateSchema = this.opts.validateSchema) {
        if (Array.isArray(schema)) {
          for (const sch of schema)
            this.addSchema(sch, void 0, _meta, _validateSchema);
          return this;
        }
        let id;
        if (typeof schema === "object") {
          const { schemaId } = this.opts;
          id = schema[schemaId];
          if (id !== void 0 && typeof id != "string") {
            throw new Error(`schema ${schemaId} must be string`);
          }
        }
        key = (0, resolve_1.normalizeId)(key || id);
        this._checkUnique(key);
        this.schemas[key] = this._addSchema(schema, _meta, key, _validateSchema, true);
        return this;
      }
      // Add schema that will be used to validate other schemas
      // options in META_IGNORE_OPTIONS are alway set to false
      addMetaSchema(schema, key, _validateSchema = this.opts.validateSchema) {
        this.addSchema(schema, key, true, _validateSchema);
        return this;
      }
      //  Validate schema against its meta-schema
      validateSchema(schema, throwOrLogError) {
        if (typeof schema == "boolean")
          return true;
        let $schema;
        $schema = schema.$schema;
        if ($schema !== void 0 && typeof $schema != "string") {
          throw new Error("$schema must be a string");
        }
        $schema = $schema || this.opts.defaultMeta || this.defaultMeta();
        if (!$schema) {
          this.logger.warn("meta-schema not available");
          this.errors = null;
          return true;
        }
        const valid = this.validate($schema, schema);
        if (!valid && throwOrLogError) {
          const message = "schema is invalid: " + this.errorsText();
          if (this.opts.validateSchema === "log")
            this.logger.error(message);
          else
            throw new Error(message);
        }
        return valid;
      }
      // Get compiled schema by `key` or `ref`.
      // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
      getSchema(keyRef) {
        let sch;
        while (typeof (sch = getSchEnv.call(this, keyRef)) == "string")
          keyRef = sch;
        if (sch === void 0) {
          const { schemaId } = this.opts;
          const root = new compile_1.SchemaEnv({ schema: {}, schemaId });
          sch = compile_1.resolveSchema.call(this, root, keyRef);
          if (!sch)
            return;
          this.refs[keyRef] = sch;
        }
        return sch.validate || this._compileSchemaEnv(sch);
      }
      // Remove cached schema(s).
      // If no parameter is passed all schemas but meta-schemas are removed.
      // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
      // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
      removeSchema(schemaKeyRef) {
        if (schemaKeyRef instanceof RegExp) {
          this._removeAllSchemas(this.schemas, schemaKeyRef);
          this._removeAllSchemas(this.refs, schemaKeyRef);
          return this;
        }
        switch (typeof schemaKeyRef) {
          case "undefined":
            this._removeAllSchemas(this.schemas);
            this._removeAllSchemas(this.refs);
            this._cache.clear();
            return this;
          case "string": {
            const sch = getSchEnv.call(this, schemaKeyRef);
            if (typeof sch == "object")
              this._cache.delete(sch.schema);
            delete this.schemas[schemaKeyRef];
            delete this.refs[schemaKeyRef];
            return this;
          }
          case "object": {
            const cacheKey2 = schemaKeyRef;
            this._cache.delete(cacheKey2);
            let id = schemaKeyRef[this.opts.schemaId];
            if (id) {
              id = (0, resolve_1.normalizeId)(id);
              delete this.schemas[id];
              delete this.refs[id];
            }
            return this;
          }
          default:
            throw new Error("ajv.removeSchema: invalid parameter");
        }
      }
      // add "vocabulary" - a collection of keywords
      addVocabulary(definitions) {
        for (const def of definitions)
          this.addKeyword(def);
        return this;
      }
      addKeyword(kwdOrDef, def) {
        let keyword;
        if (typeof kwdOrDef == "string") {
          keyword = kwdOrDef;
          if (typeof def == "object") {
            this.logger.warn("these parameters are deprecated, see docs for addKeyword");
            def.keyword = keyword;
          }
        } else if (typeof kwdOrDef == "object" && def === void 0) {
          def = kwdOrDef;
          keyword = def.keyword;
          if (Array.isArray(keyword) && !keyword.length) {
            throw new Error("addKeywords: keyword must be string or non-empty array");
          }
        } else {
          throw new Error("invalid addKeywords parameters");
        }
        checkKeyword.call(this, keyword, def);
        if (!def) {
          (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd));
          return this;
        }
        keywordMetaschema.call(this, def);
        const definition = {
          ...def,
          type: (0, dataType_1.getJSONTypes)(def.type),
          schemaType: (0, dataType_1.getJSONTypes)(def.schemaType)
        };
        (0, util_1.eachItem)(keyword, definition.type.length === 0 ? (k) => addRule.call(this, k, definition) : (k) => definition.type.forEach((t) => addRule.call(this, k, definition, t)));
        return this;
      }
      getKeyword(keyword) {
        const rule = this.RULES.all[keyword];
        return typeof rule == "object" ? rule.definition : !!rule;
      }
      // Remove keyword
      removeKeyword(keyword) {
        const { RULES } = this;
        delete RULES.keywords[keyword];
        delete RULES.all[keyword];
        for (const group of RULES.rules) {
          const i = group.rules.findIndex((rule) => rule.keyword === keyword);
          if (i >= 0)
            group.rules.splice(i, 1);
        }
        return this;
      }
      // Add format
      addFormat(name, format) {
        if (typeof format == "string")
          format = new RegExp(format);
        this.formats[name] = format;
        return this;
      }
      errorsText(errors = this.errors, { separator = ", ", dataVar = "data" } = {}) {
        if (!errors || errors.length === 0)
          return "No errors";
        return errors.map((e) => `${dataVar}${e.instancePath} ${e.message}`).reduce((text, msg) => text + separator + msg);
      }
      $dataMetaSchema(metaSchema, keywordsJsonPointers) {
        const rules = this.RULES.all;
        metaSchema = JSON.parse(JSON.stringify(metaSchema));
        for (const jsonPointer of keywordsJsonPointers) {
          const segments = jsonPointer.split("/").slice(1);
          let keywords = metaSchema;
          for (const seg of segments)
            keywords = keywords[seg];
          for (const key in rules) {
            const rule = rules[key];
            if (typeof rule != "object")
              continue;
            const { $data } = rule.definition;
            const schema = keywords[key];
            if ($data && schema)
              keywords[key] = schemaOrData(schema);
          }
        }
        return metaSchema;
      }
      _removeAllSchemas(schemas, regex) {
        for (const keyRef in schemas) {
          const sch = schemas[keyRef];
          if (!regex || regex.test(keyRef)) {
            if (typeof sch == "string") {
              delete schemas[keyRef];
            } else if (sch && !sch.meta) {
              this._cache.delete(sch.schema);
              delete schemas[keyRef];
            }
          }
        }
      }
      _addSchema(schema, meta, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
        let id;
        const { schemaId } = this.opts;
        if (typeof schema == "object") {
          id = schema[schemaId];
        } else {
          if (this.opts.jtd)
            throw new Error("schema must be object");
          else if (typeof schema != "boolean")
            throw new Error("schema must be object or boolean");
        }
        let sch = this._cache.get(schema);
        if (sch !== void 0)
          return sch;
        baseId = (0, resolve_1.normalizeId)(id || baseId);
        const localRefs = resolve_1.getSchemaRefs.call(this, schema, baseId);
        sch = new compile_1.SchemaEnv({ schema, schemaId, meta, baseId, localRefs });
        this._cache.set(sch.schema, sch);
        if (addSchema && !baseId.startsWith("#")) {
          if (baseId)
            this._checkUnique(baseId);
          this.refs[baseId] = sch;
        }
        if (validateSchema)
          this.validateSchema(schema, true);
        return sch;
      }
      _checkUnique(id) {
        if (this.schemas[id] || this.refs[id]) {
          throw new Error(`schema with key or id "${id}" already exists`);
        }
      }
      _compileSchemaEnv(sch) {
        if (sch.meta)
          this._compileMetaSchema(sch);
        else
          compile_1.compileSchema.call(this, sch);
        if (!sch.validate)
          throw new Error("ajv implementation error");
        return sch.validate;
      }
      _compileMetaSchema(sch) {
        const currentOpts = this.opts;
        this.opts = this._metaOpts;
        try {
          compile_1.compileSchema.call(this, sch);
        } finally {
          this.opts = currentOpts;
        }
      }
    };
    Ajv.ValidationError = validation_error_1.default;
    Ajv.MissingRefError = ref_error_1.default;
    exports.default = Ajv;
    function checkOptions(checkOpts, options2, msg, log = "error") {
      for (const key in checkOpts) {
        const opt = key;
        if (opt in options2)
          this.logger[log](`${msg}: option ${key}. ${checkOpts[opt]}`);
      }
    }
    function getSchEnv(keyRef) {
      keyRef = (0, resolve_1.normalizeId)(keyRef);
      return this.schemas[keyRef] || this.refs[keyRef];
    }
    function addInitialSchemas() {
      const optsSchemas = this.opts.schemas;
      if (!optsSchemas)
        return;
      if (Array.isArray(optsSchemas))
        this.addSchema(optsSchemas);
      else
        for (const key in optsSchemas)
          this.addSchema(optsSchemas[key], key);
    }
    function addInitialFormats() {
      for (const name in this.opts.formats) {
        const format = this.opts.formats[name];
        if (format)
          this.addFormat(name, format);
      }
    }
    function addInitialKeywords(defs) {
      if (Array.isArray(defs)) {
        this.addVocabulary(defs);
        return;
      }
      this.logger.warn("keywords option as map is deprecated, pass array");
      for (const keyword in defs) {
        const def = defs[keyword];
        if (!def.keyword)
          def.keyword = keyword;
        this.addKeyword(def);
      }
    }
    function getMetaSchemaOptions() {
      const metaOpts = { ...this.opts };
      for (const opt of META_IGNORE_OPTIONS)
        delete metaOpts[opt];
      return metaOpts;
    }
    var noLogs = { log() {
    }, warn() {
    }, error() {
    } };
    function getLogger(logger) {
      if (logger === false)
        return noLogs;
      if (logger === void 0)
        return console;
      if (logger.log && logger.warn && logger.error)
        return logger;
      throw new Error("logger must implement log, warn and error methods");
    }
    var KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
    function checkKeyword(keyword, def) {
      const { RULES } = this;
      (0, util_1.eachItem)(keyword, (kwd) => {
        if (RULES.keywords[kwd])
          throw new Error(`Keyword ${kwd} is already defined`);
        if (!KEYWORD_NAME.test(kwd))
          throw new Error(`Keyword ${kwd} has invalid name`);
      });
      if (!def)
        return;
      if (def.$data && !("code" in def || "validate" in def)) {
        throw new Error('$data keyword must have "code" or "validate" function');
      }
    }
    function addRule(keyword, definition, dataType) {
      var _a;
      const post = definition === null || definition === void 0 ? void 0 : definition.post;
      if (dataType && post)
        throw new Error('keyword with "post" flag cannot have "type"');
      const { RULES } = this;
      let ruleGroup = post ? RULES.post : RULES.rules.find(({ type: t }) => t === dataType);
      if (!ruleGroup) {
        ruleGroup = { type: dataType, rules: [] };
        RULES.rules.push(ruleGroup);
      }
      RULES.keywords[keyword] = true;
      if (!definition)
        return;
      const rule = {
        keyword,
        definition: {
          ...definition,
          type: (0, dataType_1.getJSONTypes)(definition.type),
          schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType)
        }
      };
      if (definition.before)
        addBeforeRule.call(this, ruleGroup, rule, definition.before);
      else
        ruleGroup.rules.push(rule);
      RULES.all[keyword] = rule;
      (_a = definition.implements) === null || _a === void 0 ? void 0 : _a.forEach((kwd) => this.addKeyword(kwd));
    }
    function addBeforeRule(ruleGroup, rule, before) {
      const i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
      if (i >= 0) {
        ruleGroup.rules.splice(i, 0, rule);
      } else {
        ruleGroup.rules.push(rule);
        this.logger.warn(`rule ${before} is not defined`);
      }
    }
    function keywordMetaschema(def) {
      let { metaSchema } = def;
      if (metaSchema === void 0)
        return;
      if (def.$data && this.opts.$data)
        metaSchema = schemaOrData(metaSchema);
      def.validateSchema = this.compile(metaSchema, true);
    }
    var $dataRef = {
      $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#"
    };
    function schemaOrData(schema) {
      return { anyOf: [schema, $dataRef] };
    }
  }
});

// node_modules/ajv/dist/vocabularies/core/id.js
var require_id = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/id.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var def = {
      keyword: "id",
      code() {
        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/ref.js
var require_ref = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/ref.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.callRef = exports.getValidate = void 0;
    var ref_error_1 = require_ref_error();
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var compile_1 = require_compile();
    var util_1 = require_util();
    var def = {
      keyword: "$ref",
      schemaType: "string",
      code(cxt) {
        const { gen, schema: $ref, it } = cxt;
        const { baseId, schemaEnv: env, validateName, opts, self } = it;
        const { root } = env;
        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
          return callRootRef();
        const schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
        if (schOrEnv === void 0)
          throw new ref_error_1.default(it.opts.uriResolver, baseId, $ref);
        if (schOrEnv instanceof compile_1.SchemaEnv)
          return callValidate(schOrEnv);
        return inlineRefSchema(schOrEnv);
        function callRootRef() {
          if (env === root)
            return callRef(cxt, validateName, env, env.$async);
          const rootName = gen.scopeValue("root", { ref: root });
          return callRef(cxt, (0, codegen_1._)`${rootName}.validate`, root, root.$async);
        }
        function callValidate(sch) {
          const v = getValidate(cxt, sch);
          callRef(cxt, v, sch, sch.$async);
        }
        function inlineRefSchema(sch) {
          const schName = gen.scopeValue("schema", opts.code.source === true ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch });
          const valid = gen.name("valid");
          const schCxt = cxt.subschema({
            schema: sch,
            dataTypes: [],
            schemaPath: codegen_1.nil,
            topSchemaRef: schName,
            errSchemaPath: $ref
          }, valid);
          cxt.mergeEvaluated(schCxt);
          cxt.ok(valid);
        }
      }
    };
    function getValidate(cxt, sch) {
      const { gen } = cxt;
      return sch.validate ? gen.scopeValue("validate", { ref: sch.validate }) : (0, codegen_1._)`${gen.scopeValue("wrapper", { ref: sch })}.validate`;
    }
    exports.getValidate = getValidate;
    function callRef(cxt, v, sch, $async) {
      const { gen, it } = cxt;
      const { allErrors, schemaEnv: env, opts } = it;
      const passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
      if ($async)
        callAsyncRef();
      else
        callSyncRef();
      function callAsyncRef() {
        if (!env.$async)
          throw new Error("async schema referenced by sync schema");
        const valid = gen.let("valid");
        gen.try(() => {
          gen.code((0, codegen_1._)`await ${(0, code_1.callValidateCode)(cxt, v, passCxt)}`);
          addEvaluatedFrom(v);
          if (!allErrors)
            gen.assign(valid, true);
        }, (e) => {
          gen.if((0, codegen_1._)`!(${e} instanceof ${it.ValidationError})`, () => gen.throw(e));
          addErrorsFrom(e);
          if (!allErrors)
            gen.assign(valid, false);
        });
        cxt.ok(valid);
      }
      function callSyncRef() {
        cxt.result((0, code_1.callValidateCode)(cxt, v, passCxt), () => addEvaluatedFrom(v), () => addErrorsFrom(v));
      }
      function addErrorsFrom(source) {
        const errs = (0, codegen_1._)`${source}.errors`;
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`);
        gen.assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
      }
      function addEvaluatedFrom(source) {
        var _a;
        if (!it.opts.unevaluated)
          return;
        const schEvaluated = (_a = sch === null || sch === void 0 ? void 0 : sch.validate) === null || _a === void 0 ? void 0 : _a.evaluated;
        if (it.props !== true) {
          if (schEvaluated && !schEvaluated.dynamicProps) {
            if (schEvaluated.props !== void 0) {
              it.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it.props);
            }
          } else {
            const props = gen.var("props", (0, codegen_1._)`${source}.evaluated.props`);
            it.props = util_1.mergeEvaluated.props(gen, props, it.props, codegen_1.Name);
          }
        }
        if (it.items !== true) {
          if (schEvaluated && !schEvaluated.dynamicItems) {
            if (schEvaluated.items !== void 0) {
              it.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it.items);
            }
          } else {
            const items = gen.var("items", (0, codegen_1._)`${source}.evaluated.items`);
            it.items = util_1.mergeEvaluated.items(gen, items, it.items, codegen_1.Name);
          }
        }
      }
    }
    exports.callRef = callRef;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/index.js
var require_core2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var id_1 = require_id();
    var ref_1 = require_ref();
    var core = [
      "$schema",
      "$id",
      "$defs",
      "$vocabulary",
      { keyword: "$comment" },
      "definitions",
      id_1.default,
      ref_1.default
    ];
    exports.default = core;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitNumber.js
var require_limitNumber = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitNumber.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var ops = codegen_1.operators;
    var KWDs = {
      maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
      minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
      exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
      exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE }
    };
    var error = {
      message: ({ keyword, schemaCode }) => (0, codegen_1.str)`must be ${KWDs[keyword].okStr} ${schemaCode}`,
      params: ({ keyword, schemaCode }) => (0, codegen_1._)`{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`
    };
    var def = {
      keyword: Object.keys(KWDs),
      type: "number",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        cxt.fail$data((0, codegen_1._)`${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/multipleOf.js
var require_multipleOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/multipleOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => (0, codegen_1._)`{multipleOf: ${schemaCode}}`
    };
    var def = {
      keyword: "multipleOf",
      type: "number",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, schemaCode, it } = cxt;
        const prec = it.opts.multipleOfPrecision;
        const res = gen.let("res");
        const invalid = prec ? (0, codegen_1._)`Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}` : (0, codegen_1._)`${res} !== parseInt(${res})`;
        cxt.fail$data((0, codegen_1._)`(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid}))`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function ucs2length(str) {
      const len = str.length;
      let length = 0;
      let pos = 0;
      let value;
      while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 55296 && value <= 56319 && pos < len) {
          value = str.charCodeAt(pos);
          if ((value & 64512) === 56320)
            pos++;
        }
      }
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitLength.js
var require_limitLength = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitLength.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var ucs2length_1 = require_ucs2length();
    var error = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxLength" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} characters`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxLength", "minLength"],
      type: "string",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode, it } = cxt;
        const op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT;
        const len = it.opts.unicode === false ? (0, codegen_1._)`${data}.length` : (0, codegen_1._)`${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
        cxt.fail$data((0, codegen_1._)`${len} ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/pattern.js
var require_pattern = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/pattern.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var util_1 = require_util();
    var codegen_1 = require_codegen();
    var error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match pattern "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{pattern: ${schemaCode}}`
    };
    var def = {
      keyword: "pattern",
      type: "string",
      schemaType: "string",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const u = it.opts.unicodeRegExp ? "u" : "";
        if ($data) {
          const { regExp } = it.opts.code;
          const regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._)`new RegExp` : (0, util_1.useFunc)(gen, regExp);
          const valid = gen.let("valid");
          gen.try(() => gen.assign(valid, (0, codegen_1._)`${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, false));
          cxt.fail$data((0, codegen_1._)`!${valid}`);
        } else {
          const regExp = (0, code_1.usePattern)(cxt, schema);
          cxt.fail$data((0, codegen_1._)`!${regExp}.test(${data})`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitProperties.js
var require_limitProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxProperties" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} properties`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxProperties", "minProperties"],
      type: "object",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`Object.keys(${data}).length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/required.js
var require_required = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/required.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { missingProperty } }) => (0, codegen_1.str)`must have required property '${missingProperty}'`,
      params: ({ params: { missingProperty } }) => (0, codegen_1._)`{missingProperty: ${missingProperty}}`
    };
    var def = {
      keyword: "required",
      type: "object",
      schemaType: "array",
      $data: true,
      error,
      code(cxt) {
        const { gen, schema, schemaCode, data, $data, it } = cxt;
        const { opts } = it;
        if (!$data && schema.length === 0)
          return;
        const useLoop = schema.length >= opts.loopRequired;
        if (it.allErrors)
          allErrorsMode();
        else
          exitOnErrorMode();
        if (opts.strictRequired) {
          const props = cxt.parentSchema.properties;
          const { definedProperties } = cxt.it;
          for (const requiredKey of schema) {
            if ((props === null || props === void 0 ? void 0 : props[requiredKey]) === void 0 && !definedProperties.has(requiredKey)) {
              const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
              const msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
              (0, util_1.checkStrictMode)(it, msg, it.opts.strictRequired);
            }
          }
        }
        function allErrorsMode() {
          if (useLoop || $data) {
            cxt.block$data(codegen_1.nil, loopAllRequired);
          } else {
            for (const prop of schema) {
              (0, code_1.checkReportMissingProp)(cxt, prop);
            }
          }
        }
        function exitOnErrorMode() {
          const missing = gen.let("missing");
          if (useLoop || $data) {
            const valid = gen.let("valid", true);
            cxt.block$data(valid, () => loopUntilMissing(missing, valid));
            cxt.ok(valid);
          } else {
            gen.if((0, code_1.checkMissingProp)(cxt, schema, missing));
            (0, code_1.reportMissingProp)(cxt, missing);
            gen.else();
          }
        }
        function loopAllRequired() {
          gen.forOf("prop", schemaCode, (prop) => {
            cxt.setParams({ missingProperty: prop });
            gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
          });
        }
        function loopUntilMissing(missing, valid) {
          cxt.setParams({ missingProperty: missing });
          gen.forOf(missing, schemaCode, () => {
            gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties));
            gen.if((0, codegen_1.not)(valid), () => {
              cxt.error();
              gen.break();
            });
          }, codegen_1.nil);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitItems.js
var require_limitItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message({ keyword, schemaCode }) {
        const comp = keyword === "maxItems" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} items`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    };
    var def = {
      keyword: ["maxItems", "minItems"],
      type: "array",
      schemaType: "number",
      $data: true,
      error,
      code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`${data}.length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/equal.js
var require_equal = __commonJS({
  "node_modules/ajv/dist/runtime/equal.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var equal = require_fast_deep_equal();
    equal.code = 'require("ajv/dist/runtime/equal").default';
    exports.default = equal;
  }
});

// node_modules/ajv/dist/vocabularies/validation/uniqueItems.js
var require_uniqueItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/uniqueItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dataType_1 = require_dataType();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error = {
      message: ({ params: { i, j } }) => (0, codegen_1.str)`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => (0, codegen_1._)`{i: ${i}, j: ${j}}`
    };
    var def = {
      keyword: "uniqueItems",
      type: "array",
      schemaType: "boolean",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
        if (!$data && !schema)
          return;
        const valid = gen.let("valid");
        const itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._)`${schemaCode} === false`);
        cxt.ok(valid);
        function validateUniqueItems() {
          const i = gen.let("i", (0, codegen_1._)`${data}.length`);
          const j = gen.let("j");
          cxt.setParams({ i, j });
          gen.assign(valid, true);
          gen.if((0, codegen_1._)`${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j));
        }
        function canOptimize() {
          return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
        }
        function loopN(i, j) {
          const item = gen.name("item");
          const wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it.opts.strictNumbers, dataType_1.DataType.Wrong);
          const indices = gen.const("indices", (0, codegen_1._)`{}`);
          gen.for((0, codegen_1._)`;${i}--;`, () => {
            gen.let(item, (0, codegen_1._)`${data}[${i}]`);
            gen.if(wrongType, (0, codegen_1._)`continue`);
            if (itemTypes.length > 1)
              gen.if((0, codegen_1._)`typeof ${item} == "string"`, (0, codegen_1._)`${item} += "_"`);
            gen.if((0, codegen_1._)`typeof ${indices}[${item}] == "number"`, () => {
              gen.assign(j, (0, codegen_1._)`${indices}[${item}]`);
              cxt.error();
              gen.assign(valid, false).break();
            }).code((0, codegen_1._)`${indices}[${item}] = ${i}`);
          });
        }
        function loopN2(i, j) {
          const eql = (0, util_1.useFunc)(gen, equal_1.default);
          const outer = gen.name("outer");
          gen.label(outer).for((0, codegen_1._)`;${i}--;`, () => gen.for((0, codegen_1._)`${j} = ${i}; ${j}--;`, () => gen.if((0, codegen_1._)`${eql}(${data}[${i}], ${data}[${j}])`, () => {
            cxt.error();
            gen.assign(valid, false).break(outer);
          })));
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/const.js
var require_const = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/const.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error = {
      message: "must be equal to constant",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValue: ${schemaCode}}`
    };
    var def = {
      keyword: "const",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schemaCode, schema } = cxt;
        if ($data || schema && typeof schema == "object") {
          cxt.fail$data((0, codegen_1._)`!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`);
        } else {
          cxt.fail((0, codegen_1._)`${schema} !== ${data}`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/enum.js
var require_enum = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/enum.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var equal_1 = require_equal();
    var error = {
      message: "must be equal to one of the allowed values",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValues: ${schemaCode}}`
    };
    var def = {
      keyword: "enum",
      schemaType: "array",
      $data: true,
      error,
      code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        if (!$data && schema.length === 0)
          throw new Error("enum must have non-empty array");
        const useLoop = schema.length >= it.opts.loopEnum;
        let eql;
        const getEql = () => eql !== null && eql !== void 0 ? eql : eql = (0, util_1.useFunc)(gen, equal_1.default);
        let valid;
        if (useLoop || $data) {
          valid = gen.let("valid");
          cxt.block$data(valid, loopEnum);
        } else {
          if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
          const vSchema = gen.const("vSchema", schemaCode);
          valid = (0, codegen_1.or)(...schema.map((_x, i) => equalCode(vSchema, i)));
        }
        cxt.pass(valid);
        function loopEnum() {
          gen.assign(valid, false);
          gen.forOf("v", schemaCode, (v) => gen.if((0, codegen_1._)`${getEql()}(${data}, ${v})`, () => gen.assign(valid, true).break()));
        }
        function equalCode(vSchema, i) {
          const sch = schema[i];
          return typeof sch === "object" && sch !== null ? (0, codegen_1._)`${getEql()}(${data}, ${vSchema}[${i}])` : (0, codegen_1._)`${data} === ${sch}`;
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/index.js
var require_validation = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var limitNumber_1 = require_limitNumber();
    var multipleOf_1 = require_multipleOf();
    var limitLength_1 = require_limitLength();
    var pattern_1 = require_pattern();
    var limitProperties_1 = require_limitProperties();
    var required_1 = require_required();
    var limitItems_1 = require_limitItems();
    var uniqueItems_1 = require_uniqueItems();
    var const_1 = require_const();
    var enum_1 = require_enum();
    var validation = [
      // number
      limitNumber_1.default,
      multipleOf_1.default,
      // string
      limitLength_1.default,
      pattern_1.default,
      // object
      limitProperties_1.default,
      required_1.default,
      // array
      limitItems_1.default,
      uniqueItems_1.default,
      // any
      { keyword: "type", schemaType: ["string", "array"] },
      { keyword: "nullable", schemaType: "boolean" },
      const_1.default,
      enum_1.default
    ];
    exports.default = validation;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalItems.js
var require_additionalItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateAdditionalItems = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "additionalItems",
      type: "array",
      schemaType: ["boolean", "object"],
      before: "uniqueItems",
      error,
      code(cxt) {
        const { parentSchema, it } = cxt;
        const { items } = parentSchema;
        if (!Array.isArray(items)) {
          (0, util_1.checkStrictMode)(it, '"additionalItems" is ignored when "items" is not an array of schemas');
          return;
        }
        validateAdditionalItems(cxt, items);
      }
    };
    function validateAdditionalItems(cxt, items) {
      const { gen, schema, data, keyword, it } = cxt;
      it.items = true;
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      if (schema === false) {
        cxt.setParams({ len: items.length });
        cxt.pass((0, codegen_1._)`${len} <= ${items.length}`);
      } else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
        const valid = gen.var("valid", (0, codegen_1._)`${len} <= ${items.length}`);
        gen.if((0, codegen_1.not)(valid), () => validateItems(valid));
        cxt.ok(valid);
      }
      function validateItems(valid) {
        gen.forRange("i", items.length, len, (i) => {
          cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid);
          if (!it.allErrors)
            gen.if((0, codegen_1.not)(valid), () => gen.break());
        });
      }
    }
    exports.validateAdditionalItems = validateAdditionalItems;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items.js
var require_items = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateTuple = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "array", "boolean"],
      before: "uniqueItems",
      code(cxt) {
        const { schema, it } = cxt;
        if (Array.isArray(schema))
          return validateTuple(cxt, "additionalItems", schema);
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    function validateTuple(cxt, extraItems, schArr = cxt.schema) {
      const { gen, parentSchema, data, keyword, it } = cxt;
      checkStrictTuple(parentSchema);
      if (it.opts.unevaluated && schArr.length && it.items !== true) {
        it.items = util_1.mergeEvaluated.items(gen, schArr.length, it.items);
      }
      const valid = gen.name("valid");
      const len = gen.const("len", (0, codegen_1._)`${data}.length`);
      schArr.forEach((sch, i) => {
        if ((0, util_1.alwaysValidSchema)(it, sch))
          return;
        gen.if((0, codegen_1._)`${len} > ${i}`, () => cxt.subschema({
          keyword,
          schemaProp: i,
          dataProp: i
        }, valid));
        cxt.ok(valid);
      });
      function checkStrictTuple(sch) {
        const { opts, errSchemaPath } = it;
        const l = schArr.length;
        const fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === false);
        if (opts.strictTuples && !fullTuple) {
          const msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
          (0, util_1.checkStrictMode)(it, msg, opts.strictTuples);
        }
      }
    }
    exports.validateTuple = validateTuple;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/prefixItems.js
var require_prefixItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/prefixItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var items_1 = require_items();
    var def = {
      keyword: "prefixItems",
      type: "array",
      schemaType: ["array"],
      before: "uniqueItems",
      code: (cxt) => (0, items_1.validateTuple)(cxt, "items")
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items2020.js
var require_items2020 = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items2020.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    var additionalItems_1 = require_additionalItems();
    var error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      error,
      code(cxt) {
        const { schema, parentSchema, it } = cxt;
        const { prefixItems } = parentSchema;
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        if (prefixItems)
          (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems);
        else
          cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/contains.js
var require_contains = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/contains.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1.str)`must contain at least ${min} valid item(s)` : (0, codegen_1.str)`must contain at least ${min} and no more than ${max} valid item(s)`,
      params: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1._)`{minContains: ${min}}` : (0, codegen_1._)`{minContains: ${min}, maxContains: ${max}}`
    };
    var def = {
      keyword: "contains",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        let min;
        let max;
        const { minContains, maxContains } = parentSchema;
        if (it.opts.next) {
          min = minContains === void 0 ? 1 : minContains;
          max = maxContains;
        } else {
          min = 1;
        }
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        cxt.setParams({ min, max });
        if (max === void 0 && min === 0) {
          (0, util_1.checkStrictMode)(it, `"minContains" == 0 without "maxContains": "contains" keyword ignored`);
          return;
        }
        if (max !== void 0 && min > max) {
          (0, util_1.checkStrictMode)(it, `"minContains" > "maxContains" is always invalid`);
          cxt.fail();
          return;
        }
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          let cond = (0, codegen_1._)`${len} >= ${min}`;
          if (max !== void 0)
            cond = (0, codegen_1._)`${cond} && ${len} <= ${max}`;
          cxt.pass(cond);
          return;
        }
        it.items = true;
        const valid = gen.name("valid");
        if (max === void 0 && min === 1) {
          validateItems(valid, () => gen.if(valid, () => gen.break()));
        } else if (min === 0) {
          gen.let(valid, true);
          if (max !== void 0)
            gen.if((0, codegen_1._)`${data}.length > 0`, validateItemsWithCount);
        } else {
          gen.let(valid, false);
          validateItemsWithCount();
        }
        cxt.result(valid, () => cxt.reset());
        function validateItemsWithCount() {
          const schValid = gen.name("_valid");
          const count = gen.let("count", 0);
          validateItems(schValid, () => gen.if(schValid, () => checkLimits(count)));
        }
        function validateItems(_valid, block) {
          gen.forRange("i", 0, len, (i) => {
            cxt.subschema({
              keyword: "contains",
              dataProp: i,
              dataPropType: util_1.Type.Num,
              compositeRule: true
            }, _valid);
            block();
          });
        }
        function checkLimits(count) {
          gen.code((0, codegen_1._)`${count}++`);
          if (max === void 0) {
            gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, true).break());
          } else {
            gen.if((0, codegen_1._)`${count} > ${max}`, () => gen.assign(valid, false).break());
            if (min === 1)
              gen.assign(valid, true);
            else
              gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, true));
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/dependencies.js
var require_dependencies = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/dependencies.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var code_1 = require_code2();
    exports.error = {
      message: ({ params: { property, depsCount, deps } }) => {
        const property_ies = depsCount === 1 ? "property" : "properties";
        return (0, codegen_1.str)`must have ${property_ies} ${deps} when property ${property} is present`;
      },
      params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._)`{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`
      // TODO change to reference
    };
    var def = {
      keyword: "dependencies",
      type: "object",
      schemaType: "object",
      error: exports.error,
      code(cxt) {
        const [propDeps, schDeps] = splitDependencies(cxt);
        validatePropertyDeps(cxt, propDeps);
        validateSchemaDeps(cxt, schDeps);
      }
    };
    function splitDependencies({ schema }) {
      const propertyDeps = {};
      const schemaDeps = {};
      for (const key in schema) {
        if (key === "__proto__")
          continue;
        const deps = Array.isArray(schema[key]) ? propertyDeps : schemaDeps;
        deps[key] = schema[key];
      }
      return [propertyDeps, schemaDeps];
    }
    function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
      const { gen, data, it } = cxt;
      if (Object.keys(propertyDeps).length === 0)
        return;
      const missing = gen.let("missing");
      for (const prop in propertyDeps) {
        const deps = propertyDeps[prop];
        if (deps.length === 0)
          continue;
        const hasProperty = (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties);
        cxt.setParams({
          property: prop,
          depsCount: deps.length,
          deps: deps.join(", ")
        });
        if (it.allErrors) {
          gen.if(hasProperty, () => {
            for (const depProp of deps) {
              (0, code_1.checkReportMissingProp)(cxt, depProp);
            }
          });
        } else {
          gen.if((0, codegen_1._)`${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`);
          (0, code_1.reportMissingProp)(cxt, missing);
          gen.else();
        }
      }
    }
    exports.validatePropertyDeps = validatePropertyDeps;
    function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
      const { gen, data, keyword, it } = cxt;
      const valid = gen.name("valid");
      for (const prop in schemaDeps) {
        if ((0, util_1.alwaysValidSchema)(it, schemaDeps[prop]))
          continue;
        gen.if(
          (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties),
          () => {
            const schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
            cxt.mergeValidEvaluated(schCxt, valid);
          },
          () => gen.var(valid, true)
          // TODO var
        );
        cxt.ok(valid);
      }
    }
    exports.validateSchemaDeps = validateSchemaDeps;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/propertyNames.js
var require_propertyNames = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/propertyNames.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: "property name must be valid",
      params: ({ params }) => (0, codegen_1._)`{propertyName: ${params.propertyName}}`
    };
    var def = {
      keyword: "propertyNames",
      type: "object",
      schemaType: ["object", "boolean"],
      error,
      code(cxt) {
        const { gen, schema, data, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        const valid = gen.name("valid");
        gen.forIn("key", data, (key) => {
          cxt.setParams({ propertyName: key });
          cxt.subschema({
            keyword: "propertyNames",
            data: key,
            dataTypes: ["string"],
            propertyName: key,
            compositeRule: true
          }, valid);
          gen.if((0, codegen_1.not)(valid), () => {
            cxt.error(true);
            if (!it.allErrors)
              gen.break();
          });
        });
        cxt.ok(valid);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js
var require_additionalProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var util_1 = require_util();
    var error = {
      message: "must NOT have additional properties",
      params: ({ params }) => (0, codegen_1._)`{additionalProperty: ${params.additionalProperty}}`
    };
    var def = {
      keyword: "additionalProperties",
      type: ["object"],
      schemaType: ["boolean", "object"],
      allowUndefined: true,
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, parentSchema, data, errsCount, it } = cxt;
        if (!errsCount)
          throw new Error("ajv implementation error");
        const { allErrors, opts } = it;
        it.props = true;
        if (opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it, schema))
          return;
        const props = (0, code_1.allSchemaProperties)(parentSchema.properties);
        const patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
        checkAdditionalProperties();
        cxt.ok((0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
        function checkAdditionalProperties() {
          gen.forIn("key", data, (key) => {
            if (!props.length && !patProps.length)
              additionalPropertyCode(key);
            else
              gen.if(isAdditional(key), () => additionalPropertyCode(key));
          });
        }
        function isAdditional(key) {
          let definedProp;
          if (props.length > 8) {
            const propsSchema = (0, util_1.schemaRefOrVal)(it, parentSchema.properties, "properties");
            definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key);
          } else if (props.length) {
            definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._)`${key} === ${p}`));
          } else {
            definedProp = codegen_1.nil;
          }
          if (patProps.length) {
            definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._)`${(0, code_1.usePattern)(cxt, p)}.test(${key})`));
          }
          return (0, codegen_1.not)(definedProp);
        }
        function deleteAdditional(key) {
          gen.code((0, codegen_1._)`delete ${data}[${key}]`);
        }
        function additionalPropertyCode(key) {
          if (opts.removeAdditional === "all" || opts.removeAdditional && schema === false) {
            deleteAdditional(key);
            return;
          }
          if (schema === false) {
            cxt.setParams({ additionalProperty: key });
            cxt.error();
            if (!allErrors)
              gen.break();
            return;
          }
          if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
            const valid = gen.name("valid");
            if (opts.removeAdditional === "failing") {
              applyAdditionalSchema(key, valid, false);
              gen.if((0, codegen_1.not)(valid), () => {
                cxt.reset();
                deleteAdditional(key);
              });
            } else {
              applyAdditionalSchema(key, valid);
              if (!allErrors)
                gen.if((0, codegen_1.not)(valid), () => gen.break());
            }
          }
        }
        function applyAdditionalSchema(key, valid, errors) {
          const subschema = {
            keyword: "additionalProperties",
            dataProp: key,
            dataPropType: util_1.Type.Str
          };
          if (errors === false) {
            Object.assign(subschema, {
              compositeRule: true,
              createErrors: false,
              allErrors: false
            });
          }
          cxt.subschema(subschema, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/properties.js
var require_properties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/properties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var validate_1 = require_validate();
    var code_1 = require_code2();
    var util_1 = require_util();
    var additionalProperties_1 = require_additionalProperties();
    var def = {
      keyword: "properties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        if (it.opts.removeAdditional === "all" && parentSchema.additionalProperties === void 0) {
          additionalProperties_1.default.code(new validate_1.KeywordCxt(it, additionalProperties_1.default, "additionalProperties"));
        }
        const allProps = (0, code_1.allSchemaProperties)(schema);
        for (const prop of allProps) {
          it.definedProperties.add(prop);
        }
        if (it.opts.unevaluated && allProps.length && it.props !== true) {
          it.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it.props);
        }
        const properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it, schema[p]));
        if (properties.length === 0)
          return;
        const valid = gen.name("valid");
        for (const prop of properties) {
          if (hasDefault(prop)) {
            applyPropertySchema(prop);
          } else {
            gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties));
            applyPropertySchema(prop);
            if (!it.allErrors)
              gen.else().var(valid, true);
            gen.endIf();
          }
          cxt.it.definedProperties.add(prop);
          cxt.ok(valid);
        }
        function hasDefault(prop) {
          return it.opts.useDefaults && !it.compositeRule && schema[prop].default !== void 0;
        }
        function applyPropertySchema(prop) {
          cxt.subschema({
            keyword: "properties",
            schemaProp: prop,
            dataProp: prop
          }, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/patternProperties.js
var require_patternProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/patternProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var util_2 = require_util();
    var def = {
      keyword: "patternProperties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        const { gen, schema, data, parentSchema, it } = cxt;
        const { opts } = it;
        const patterns = (0, code_1.allSchemaProperties)(schema);
        const alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it, schema[p]));
        if (patterns.length === 0 || alwaysValidPatterns.length === patterns.length && (!it.opts.unevaluated || it.props === true)) {
          return;
        }
        const checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties;
        const valid = gen.name("valid");
        if (it.props !== true && !(it.props instanceof codegen_1.Name)) {
          it.props = (0, util_2.evaluatedPropsToName)(gen, it.props);
        }
        const { props } = it;
        validatePatternProperties();
        function validatePatternProperties() {
          for (const pat of patterns) {
            if (checkProperties)
              checkMatchingProperties(pat);
            if (it.allErrors) {
              validateProperties(pat);
            } else {
              gen.var(valid, true);
              validateProperties(pat);
              gen.if(valid);
            }
          }
        }
        function checkMatchingProperties(pat) {
          for (const prop in checkProperties) {
            if (new RegExp(pat).test(prop)) {
              (0, util_1.checkStrictMode)(it, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
            }
          }
        }
        function validateProperties(pat) {
          gen.forIn("key", data, (key) => {
            gen.if((0, codegen_1._)`${(0, code_1.usePattern)(cxt, pat)}.test(${key})`, () => {
              const alwaysValid = alwaysValidPatterns.includes(pat);
              if (!alwaysValid) {
                cxt.subschema({
                  keyword: "patternProperties",
                  schemaProp: pat,
                  dataProp: key,
                  dataPropType: util_2.Type.Str
                }, valid);
              }
              if (it.opts.unevaluated && props !== true) {
                gen.assign((0, codegen_1._)`${props}[${key}]`, true);
              } else if (!alwaysValid && !it.allErrors) {
                gen.if((0, codegen_1.not)(valid), () => gen.break());
              }
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/not.js
var require_not = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/not.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "not",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      code(cxt) {
        const { gen, schema, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          cxt.fail();
          return;
        }
        const valid = gen.name("valid");
        cxt.subschema({
          keyword: "not",
          compositeRule: true,
          createErrors: false,
          allErrors: false
        }, valid);
        cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
      },
      error: { message: "must NOT be valid" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/anyOf.js
var require_anyOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/anyOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var code_1 = require_code2();
    var def = {
      keyword: "anyOf",
      schemaType: "array",
      trackErrors: true,
      code: code_1.validateUnion,
      error: { message: "must match a schema in anyOf" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/oneOf.js
var require_oneOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/oneOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: "must match exactly one schema in oneOf",
      params: ({ params }) => (0, codegen_1._)`{passingSchemas: ${params.passing}}`
    };
    var def = {
      keyword: "oneOf",
      schemaType: "array",
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, parentSchema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        if (it.opts.discriminator && parentSchema.discriminator)
          return;
        const schArr = schema;
        const valid = gen.let("valid", false);
        const passing = gen.let("passing", null);
        const schValid = gen.name("_valid");
        cxt.setParams({ passing });
        gen.block(validateOneOf);
        cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
        function validateOneOf() {
          schArr.forEach((sch, i) => {
            let schCxt;
            if ((0, util_1.alwaysValidSchema)(it, sch)) {
              gen.var(schValid, true);
            } else {
              schCxt = cxt.subschema({
                keyword: "oneOf",
                schemaProp: i,
                compositeRule: true
              }, schValid);
            }
            if (i > 0) {
              gen.if((0, codegen_1._)`${schValid} && ${valid}`).assign(valid, false).assign(passing, (0, codegen_1._)`[${passing}, ${i}]`).else();
            }
            gen.if(schValid, () => {
              gen.assign(valid, true);
              gen.assign(passing, i);
              if (schCxt)
                cxt.mergeEvaluated(schCxt, codegen_1.Name);
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/allOf.js
var require_allOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/allOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: "allOf",
      schemaType: "array",
      code(cxt) {
        const { gen, schema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        const valid = gen.name("valid");
        schema.forEach((sch, i) => {
          if ((0, util_1.alwaysValidSchema)(it, sch))
            return;
          const schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
          cxt.ok(valid);
          cxt.mergeEvaluated(schCxt);
        });
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/if.js
var require_if = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/if.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params }) => (0, codegen_1.str)`must match "${params.ifClause}" schema`,
      params: ({ params }) => (0, codegen_1._)`{failingKeyword: ${params.ifClause}}`
    };
    var def = {
      keyword: "if",
      schemaType: ["object", "boolean"],
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, parentSchema, it } = cxt;
        if (parentSchema.then === void 0 && parentSchema.else === void 0) {
          (0, util_1.checkStrictMode)(it, '"if" without "then" and "else" is ignored');
        }
        const hasThen = hasSchema(it, "then");
        const hasElse = hasSchema(it, "else");
        if (!hasThen && !hasElse)
          return;
        const valid = gen.let("valid", true);
        const schValid = gen.name("_valid");
        validateIf();
        cxt.reset();
        if (hasThen && hasElse) {
          const ifClause = gen.let("ifClause");
          cxt.setParams({ ifClause });
          gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
        } else if (hasThen) {
          gen.if(schValid, validateClause("then"));
        } else {
          gen.if((0, codegen_1.not)(schValid), validateClause("else"));
        }
        cxt.pass(valid, () => cxt.error(true));
        function validateIf() {
          const schCxt = cxt.subschema({
            keyword: "if",
            compositeRule: true,
            createErrors: false,
            allErrors: false
          }, schValid);
          cxt.mergeEvaluated(schCxt);
        }
        function validateClause(keyword, ifClause) {
          return () => {
            const schCxt = cxt.subschema({ keyword }, schValid);
            gen.assign(valid, schValid);
            cxt.mergeValidEvaluated(schCxt, valid);
            if (ifClause)
              gen.assign(ifClause, (0, codegen_1._)`${keyword}`);
            else
              cxt.setParams({ ifClause: keyword });
          };
        }
      }
    };
    function hasSchema(it, keyword) {
      const schema = it.schema[keyword];
      return schema !== void 0 && !(0, util_1.alwaysValidSchema)(it, schema);
    }
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/thenElse.js
var require_thenElse = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/thenElse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: ["then", "else"],
      schemaType: ["object", "boolean"],
      code({ keyword, parentSchema, it }) {
        if (parentSchema.if === void 0)
          (0, util_1.checkStrictMode)(it, `"${keyword}" without "if" is ignored`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/index.js
var require_applicator = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var additionalItems_1 = require_additionalItems();
    var prefixItems_1 = require_prefixItems();
    var items_1 = require_items();
    var items2020_1 = require_items2020();
    var contains_1 = require_contains();
    var dependencies_1 = require_dependencies();
    var propertyNames_1 = require_propertyNames();
    var additionalProperties_1 = require_additionalProperties();
    var properties_1 = require_properties();
    var patternProperties_1 = require_patternProperties();
    var not_1 = require_not();
    var anyOf_1 = require_anyOf();
    var oneOf_1 = require_oneOf();
    var allOf_1 = require_allOf();
    var if_1 = require_if();
    var thenElse_1 = require_thenElse();
    function getApplicator(draft2020 = false) {
      const applicator = [
        // any
        not_1.default,
        anyOf_1.default,
        oneOf_1.default,
        allOf_1.default,
        if_1.default,
        thenElse_1.default,
        // object
        propertyNames_1.default,
        additionalProperties_1.default,
        dependencies_1.default,
        properties_1.default,
        patternProperties_1.default
      ];
      if (draft2020)
        applicator.push(prefixItems_1.default, items2020_1.default);
      else
        applicator.push(additionalItems_1.default, items_1.default);
      applicator.push(contains_1.default);
      return applicator;
    }
    exports.default = getApplicator;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/dynamicAnchor.js
var require_dynamicAnchor = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/dynamicAnchor.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.dynamicAnchor = void 0;
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var compile_1 = require_compile();
    var ref_1 = require_ref();
    var def = {
      keyword: "$dynamicAnchor",
      schemaType: "string",
      code: (cxt) => dynamicAnchor(cxt, cxt.schema)
    };
    function dynamicAnchor(cxt, anchor) {
      const { gen, it } = cxt;
      it.schemaEnv.root.dynamicAnchors[anchor] = true;
      const v = (0, codegen_1._)`${names_1.default.dynamicAnchors}${(0, codegen_1.getProperty)(anchor)}`;
      const validate = it.errSchemaPath === "#" ? it.validateName : _getValidate(cxt);
      gen.if((0, codegen_1._)`!${v}`, () => gen.assign(v, validate));
    }
    exports.dynamicAnchor = dynamicAnchor;
    function _getValidate(cxt) {
      const { schemaEnv, schema, self } = cxt.it;
      const { root, baseId, localRefs, meta } = schemaEnv.root;
      const { schemaId } = self.opts;
      const sch = new compile_1.SchemaEnv({ schema, schemaId, root, baseId, localRefs, meta });
      compile_1.compileSchema.call(self, sch);
      return (0, ref_1.getValidate)(cxt, sch);
    }
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/dynamicRef.js
var require_dynamicRef = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/dynamicRef.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.dynamicRef = void 0;
    var codegen_1 = require_codegen();
    var names_1 = require_names();
    var ref_1 = require_ref();
    var def = {
      keyword: "$dynamicRef",
      schemaType: "string",
      code: (cxt) => dynamicRef(cxt, cxt.schema)
    };
    function dynamicRef(cxt, ref) {
      const { gen, keyword, it } = cxt;
      if (ref[0] !== "#")
        throw new Error(`"${keyword}" only supports hash fragment reference`);
      const anchor = ref.slice(1);
      if (it.allErrors) {
        _dynamicRef();
      } else {
        const valid = gen.let("valid", false);
        _dynamicRef(valid);
        cxt.ok(valid);
      }
      function _dynamicRef(valid) {
        if (it.schemaEnv.root.dynamicAnchors[anchor]) {
          const v = gen.let("_v", (0, codegen_1._)`${names_1.default.dynamicAnchors}${(0, codegen_1.getProperty)(anchor)}`);
          gen.if(v, _callRef(v, valid), _callRef(it.validateName, valid));
        } else {
          _callRef(it.validateName, valid)();
        }
      }
      function _callRef(validate, valid) {
        return valid ? () => gen.block(() => {
          (0, ref_1.callRef)(cxt, validate);
          gen.let(valid, true);
        }) : () => (0, ref_1.callRef)(cxt, validate);
      }
    }
    exports.dynamicRef = dynamicRef;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/recursiveAnchor.js
var require_recursiveAnchor = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/recursiveAnchor.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dynamicAnchor_1 = require_dynamicAnchor();
    var util_1 = require_util();
    var def = {
      keyword: "$recursiveAnchor",
      schemaType: "boolean",
      code(cxt) {
        if (cxt.schema)
          (0, dynamicAnchor_1.dynamicAnchor)(cxt, "");
        else
          (0, util_1.checkStrictMode)(cxt.it, "$recursiveAnchor: false is ignored");
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/recursiveRef.js
var require_recursiveRef = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/recursiveRef.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dynamicRef_1 = require_dynamicRef();
    var def = {
      keyword: "$recursiveRef",
      schemaType: "string",
      code: (cxt) => (0, dynamicRef_1.dynamicRef)(cxt, cxt.schema)
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/dynamic/index.js
var require_dynamic = __commonJS({
  "node_modules/ajv/dist/vocabularies/dynamic/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dynamicAnchor_1 = require_dynamicAnchor();
    var dynamicRef_1 = require_dynamicRef();
    var recursiveAnchor_1 = require_recursiveAnchor();
    var recursiveRef_1 = require_recursiveRef();
    var dynamic = [dynamicAnchor_1.default, dynamicRef_1.default, recursiveAnchor_1.default, recursiveRef_1.default];
    exports.default = dynamic;
  }
});

// node_modules/ajv/dist/vocabularies/validation/dependentRequired.js
var require_dependentRequired = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/dependentRequired.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dependencies_1 = require_dependencies();
    var def = {
      keyword: "dependentRequired",
      type: "object",
      schemaType: "object",
      error: dependencies_1.error,
      code: (cxt) => (0, dependencies_1.validatePropertyDeps)(cxt)
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/dependentSchemas.js
var require_dependentSchemas = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/dependentSchemas.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dependencies_1 = require_dependencies();
    var def = {
      keyword: "dependentSchemas",
      type: "object",
      schemaType: "object",
      code: (cxt) => (0, dependencies_1.validateSchemaDeps)(cxt)
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitContains.js
var require_limitContains = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitContains.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var def = {
      keyword: ["maxContains", "minContains"],
      type: "array",
      schemaType: "number",
      code({ keyword, parentSchema, it }) {
        if (parentSchema.contains === void 0) {
          (0, util_1.checkStrictMode)(it, `"${keyword}" without "contains" is ignored`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/next.js
var require_next = __commonJS({
  "node_modules/ajv/dist/vocabularies/next.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var dependentRequired_1 = require_dependentRequired();
    var dependentSchemas_1 = require_dependentSchemas();
    var limitContains_1 = require_limitContains();
    var next = [dependentRequired_1.default, dependentSchemas_1.default, limitContains_1.default];
    exports.default = next;
  }
});

// node_modules/ajv/dist/vocabularies/unevaluated/unevaluatedProperties.js
var require_unevaluatedProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/unevaluated/unevaluatedProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var names_1 = require_names();
    var error = {
      message: "must NOT have unevaluated properties",
      params: ({ params }) => (0, codegen_1._)`{unevaluatedProperty: ${params.unevaluatedProperty}}`
    };
    var def = {
      keyword: "unevaluatedProperties",
      type: "object",
      schemaType: ["boolean", "object"],
      trackErrors: true,
      error,
      code(cxt) {
        const { gen, schema, data, errsCount, it } = cxt;
        if (!errsCount)
          throw new Error("ajv implementation error");
        const { allErrors, props } = it;
        if (props instanceof codegen_1.Name) {
          gen.if((0, codegen_1._)`${props} !== true`, () => gen.forIn("key", data, (key) => gen.if(unevaluatedDynamic(props, key), () => unevaluatedPropCode(key))));
        } else if (props !== true) {
          gen.forIn("key", data, (key) => props === void 0 ? unevaluatedPropCode(key) : gen.if(unevaluatedStatic(props, key), () => unevaluatedPropCode(key)));
        }
        it.props = true;
        cxt.ok((0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
        function unevaluatedPropCode(key) {
          if (schema === false) {
            cxt.setParams({ unevaluatedProperty: key });
            cxt.error();
            if (!allErrors)
              gen.break();
            return;
          }
          if (!(0, util_1.alwaysValidSchema)(it, schema)) {
            const valid = gen.name("valid");
            cxt.subschema({
              keyword: "unevaluatedProperties",
              dataProp: key,
              dataPropType: util_1.Type.Str
            }, valid);
            if (!allErrors)
              gen.if((0, codegen_1.not)(valid), () => gen.break());
          }
        }
        function unevaluatedDynamic(evaluatedProps, key) {
          return (0, codegen_1._)`!${evaluatedProps} || !${evaluatedProps}[${key}]`;
        }
        function unevaluatedStatic(evaluatedProps, key) {
          const ps = [];
          for (const p in evaluatedProps) {
            if (evaluatedProps[p] === true)
              ps.push((0, codegen_1._)`${key} !== ${p}`);
          }
          return (0, codegen_1.and)(...ps);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/unevaluated/unevaluatedItems.js
var require_unevaluatedItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/unevaluated/unevaluatedItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var util_1 = require_util();
    var error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    };
    var def = {
      keyword: "unevaluatedItems",
      type: "array",
      schemaType: ["boolean", "object"],
      error,
      code(cxt) {
        const { gen, schema, data, it } = cxt;
        const items = it.items || 0;
        if (items === true)
          return;
        const len = gen.const("len", (0, codegen_1._)`${data}.length`);
        if (schema === false) {
          cxt.setParams({ len: items });
          cxt.fail((0, codegen_1._)`${len} > ${items}`);
        } else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
          const valid = gen.var("valid", (0, codegen_1._)`${len} <= ${items}`);
          gen.if((0, codegen_1.not)(valid), () => validateItems(valid, items));
          cxt.ok(valid);
        }
        it.items = true;
        function validateItems(valid, from) {
          gen.forRange("i", from, len, (i) => {
            cxt.subschema({ keyword: "unevaluatedItems", dataProp: i, dataPropType: util_1.Type.Num }, valid);
            if (!it.allErrors)
              gen.if((0, codegen_1.not)(valid), () => gen.break());
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/unevaluated/index.js
var require_unevaluated = __commonJS({
  "node_modules/ajv/dist/vocabularies/unevaluated/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var unevaluatedProperties_1 = require_unevaluatedProperties();
    var unevaluatedItems_1 = require_unevaluatedItems();
    var unevaluated = [unevaluatedProperties_1.default, unevaluatedItems_1.default];
    exports.default = unevaluated;
  }
});

// node_modules/ajv/dist/vocabularies/format/format.js
var require_format = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/format.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match format "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{format: ${schemaCode}}`
    };
    var def = {
      keyword: "format",
      type: ["number", "string"],
      schemaType: "string",
      $data: true,
      error,
      code(cxt, ruleType) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const { opts, errSchemaPath, schemaEnv, self } = it;
        if (!opts.validateFormats)
          return;
        if ($data)
          validate$DataFormat();
        else
          validateFormat();
        function validate$DataFormat() {
          const fmts = gen.scopeValue("formats", {
            ref: self.formats,
            code: opts.code.formats
          });
          const fDef = gen.const("fDef", (0, codegen_1._)`${fmts}[${schemaCode}]`);
          const fType = gen.let("fType");
          const format = gen.let("format");
          gen.if((0, codegen_1._)`typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._)`${fDef}.type || "string"`).assign(format, (0, codegen_1._)`${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._)`"string"`).assign(format, fDef));
          cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
          function unknownFmt() {
            if (opts.strictSchema === false)
              return codegen_1.nil;
            return (0, codegen_1._)`${schemaCode} && !${format}`;
          }
          function invalidFmt() {
            const callFormat = schemaEnv.$async ? (0, codegen_1._)`(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))` : (0, codegen_1._)`${format}(${data})`;
            const validData = (0, codegen_1._)`(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
            return (0, codegen_1._)`${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
          }
        }
        function validateFormat() {
          const formatDef = self.formats[schema];
          if (!formatDef) {
            unknownFormat();
            return;
          }
          if (formatDef === true)
            return;
          const [fmtType, format, fmtRef] = getFormat(formatDef);
          if (fmtType === ruleType)
            cxt.pass(validCondition());
          function unknownFormat() {
            if (opts.strictSchema === false) {
              self.logger.warn(unknownMsg());
              return;
            }
            throw new Error(unknownMsg());
            function unknownMsg() {
              return `unknown format "${schema}" ignored in schema at path "${errSchemaPath}"`;
            }
          }
          function getFormat(fmtDef) {
            const code = fmtDef instanceof RegExp ? (0, codegen_1.regexpCode)(fmtDef) : opts.code.formats ? (0, codegen_1._)`${opts.code.formats}${(0, codegen_1.getProperty)(schema)}` : void 0;
            const fmt = gen.scopeValue("formats", { key: schema, ref: fmtDef, code });
            if (typeof fmtDef == "object" && !(fmtDef instanceof RegExp)) {
              return [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._)`${fmt}.validate`];
            }
            return ["string", fmtDef, fmt];
          }
          function validCondition() {
            if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
              if (!schemaEnv.$async)
                throw new Error("async format in sync schema");
              return (0, codegen_1._)`await ${fmtRef}(${data})`;
            }
            return typeof format == "function" ? (0, codegen_1._)`${fmtRef}(${data})` : (0, codegen_1._)`${fmtRef}.test(${data})`;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/format/index.js
var require_format2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var format_1 = require_format();
    var format = [format_1.default];
    exports.default = format;
  }
});

// node_modules/ajv/dist/vocabularies/metadata.js
var require_metadata = __commonJS({
  "node_modules/ajv/dist/vocabularies/metadata.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.contentVocabulary = exports.metadataVocabulary = void 0;
    exports.metadataVocabulary = [
      "title",
      "description",
      "default",
      "deprecated",
      "readOnly",
      "writeOnly",
      "examples"
    ];
    exports.contentVocabulary = [
      "contentMediaType",
      "contentEncoding",
      "contentSchema"
    ];
  }
});

// node_modules/ajv/dist/vocabularies/draft2020.js
var require_draft2020 = __commonJS({
  "node_modules/ajv/dist/vocabularies/draft2020.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var core_1 = require_core2();
    var validation_1 = require_validation();
    var applicator_1 = require_applicator();
    var dynamic_1 = require_dynamic();
    var next_1 = require_next();
    var unevaluated_1 = require_unevaluated();
    var format_1 = require_format2();
    var metadata_1 = require_metadata();
    var draft2020Vocabularies = [
      dynamic_1.default,
      core_1.default,
      validation_1.default,
      (0, applicator_1.default)(true),
      format_1.default,
      metadata_1.metadataVocabulary,
      metadata_1.contentVocabulary,
      next_1.default,
      unevaluated_1.default
    ];
    exports.default = draft2020Vocabularies;
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/types.js
var require_types = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DiscrError = void 0;
    var DiscrError;
    (function(DiscrError2) {
      DiscrError2["Tag"] = "tag";
      DiscrError2["Mapping"] = "mapping";
    })(DiscrError || (exports.DiscrError = DiscrError = {}));
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/index.js
var require_discriminator = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var codegen_1 = require_codegen();
    var types_1 = require_types();
    var compile_1 = require_compile();
    var ref_error_1 = require_ref_error();
    var util_1 = require_util();
    var error = {
      message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag ? `tag "${tagName}" must be string` : `value of tag "${tagName}" must be in oneOf`,
      params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._)`{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`
    };
    var def = {
      keyword: "discriminator",
      type: "object",
      schemaType: "object",
      error,
      code(cxt) {
        const { gen, data, schema, parentSchema, it } = cxt;
        const { oneOf } = parentSchema;
        if (!it.opts.discriminator) {
          throw new Error("discriminator: requires discriminator option");
        }
        const tagName = schema.propertyName;
        if (typeof tagName != "string")
          throw new Error("discriminator: requires propertyName");
        if (schema.mapping)
          throw new Error("discriminator: mapping is not supported");
        if (!oneOf)
          throw new Error("discriminator: requires oneOf keyword");
        const valid = gen.let("valid", false);
        const tag = gen.const("tag", (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(tagName)}`);
        gen.if((0, codegen_1._)`typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(false, { discrError: types_1.DiscrError.Tag, tag, tagName }));
        cxt.ok(valid);
        function validateMapping() {
          const mapping = getMapping();
          gen.if(false);
          for (const tagValue in mapping) {
            gen.elseIf((0, codegen_1._)`${tag} === ${tagValue}`);
            gen.assign(valid, applyTagSchema(mapping[tagValue]));
          }
          gen.else();
          cxt.error(false, { discrError: types_1.DiscrError.Mapping, tag, tagName });
          gen.endIf();
        }
        function applyTagSchema(schemaProp) {
          const _valid = gen.name("valid");
          const schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
          cxt.mergeEvaluated(schCxt, codegen_1.Name);
          return _valid;
        }
        function getMapping() {
          var _a;
          const oneOfMapping = {};
          const topRequired = hasRequired(parentSchema);
          let tagRequired = true;
          for (let i = 0; i < oneOf.length; i++) {
            let sch = oneOf[i];
            if ((sch === null || sch === void 0 ? void 0 : sch.$ref) && !(0, util_1.schemaHasRulesButRef)(sch, it.self.RULES)) {
              const ref = sch.$ref;
              sch = compile_1.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, ref);
              if (sch instanceof compile_1.SchemaEnv)
                sch = sch.schema;
              if (sch === void 0)
                throw new ref_error_1.default(it.opts.uriResolver, it.baseId, ref);
            }
            const propSch = (_a = sch === null || sch === void 0 ? void 0 : sch.properties) === null || _a === void 0 ? void 0 : _a[tagName];
            if (typeof propSch != "object") {
              throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
            }
            tagRequired = tagRequired && (topRequired || hasRequired(sch));
            addMappings(propSch, i);
          }
          if (!tagRequired)
            throw new Error(`discriminator: "${tagName}" must be required`);
          return oneOfMapping;
          function hasRequired({ required }) {
            return Array.isArray(required) && required.includes(tagName);
          }
          function addMappings(sch, i) {
            if (sch.const) {
              addMapping(sch.const, i);
            } else if (sch.enum) {
              for (const tagValue of sch.enum) {
                addMapping(tagValue, i);
              }
            } else {
              throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
            }
          }
          function addMapping(tagValue, i) {
            if (typeof tagValue != "string" || tagValue in oneOfMapping) {
              throw new Error(`discriminator: "${tagName}" values must be unique strings`);
            }
            oneOfMapping[tagValue] = i;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/schema.json
var require_schema = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/schema.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/schema",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/core": true,
        "https://json-schema.org/draft/2020-12/vocab/applicator": true,
        "https://json-schema.org/draft/2020-12/vocab/unevaluated": true,
        "https://json-schema.org/draft/2020-12/vocab/validation": true,
        "https://json-schema.org/draft/2020-12/vocab/meta-data": true,
        "https://json-schema.org/draft/2020-12/vocab/format-annotation": true,
        "https://json-schema.org/draft/2020-12/vocab/content": true
      },
      $dynamicAnchor: "meta",
      title: "Core and Validation specifications meta-schema",
      allOf: [
        { $ref: "meta/core" },
        { $ref: "meta/applicator" },
        { $ref: "meta/unevaluated" },
        { $ref: "meta/validation" },
        { $ref: "meta/meta-data" },
        { $ref: "meta/format-annotation" },
        { $ref: "meta/content" }
      ],
      type: ["object", "boolean"],
      $comment: "This meta-schema also defines keywords that have appeared in previous drafts in order to prevent incompatible extensions as they remain in common use.",
      properties: {
        definitions: {
          $comment: '"definitions" has been replaced by "$defs".',
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" },
          deprecated: true,
          default: {}
        },
        dependencies: {
          $comment: '"dependencies" has been split and replaced by "dependentSchemas" and "dependentRequired" in order to serve their differing semantics.',
          type: "object",
          additionalProperties: {
            anyOf: [{ $dynamicRef: "#meta" }, { $ref: "meta/validation#/$defs/stringArray" }]
          },
          deprecated: true,
          default: {}
        },
        $recursiveAnchor: {
          $comment: '"$recursiveAnchor" has been replaced by "$dynamicAnchor".',
          $ref: "meta/core#/$defs/anchorString",
          deprecated: true
        },
        $recursiveRef: {
          $comment: '"$recursiveRef" has been replaced by "$dynamicRef".',
          $ref: "meta/core#/$defs/uriReferenceString",
          deprecated: true
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/applicator.json
var require_applicator2 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/applicator.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/applicator",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/applicator": true
      },
      $dynamicAnchor: "meta",
      title: "Applicator vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        prefixItems: { $ref: "#/$defs/schemaArray" },
        items: { $dynamicRef: "#meta" },
        contains: { $dynamicRef: "#meta" },
        additionalProperties: { $dynamicRef: "#meta" },
        properties: {
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" },
          default: {}
        },
        patternProperties: {
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" },
          propertyNames: { format: "regex" },
          default: {}
        },
        dependentSchemas: {
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" },
          default: {}
        },
        propertyNames: { $dynamicRef: "#meta" },
        if: { $dynamicRef: "#meta" },
        then: { $dynamicRef: "#meta" },
        else: { $dynamicRef: "#meta" },
        allOf: { $ref: "#/$defs/schemaArray" },
        anyOf: { $ref: "#/$defs/schemaArray" },
        oneOf: { $ref: "#/$defs/schemaArray" },
        not: { $dynamicRef: "#meta" }
      },
      $defs: {
        schemaArray: {
          type: "array",
          minItems: 1,
          items: { $dynamicRef: "#meta" }
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json
var require_unevaluated2 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/unevaluated",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/unevaluated": true
      },
      $dynamicAnchor: "meta",
      title: "Unevaluated applicator vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        unevaluatedItems: { $dynamicRef: "#meta" },
        unevaluatedProperties: { $dynamicRef: "#meta" }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/content.json
var require_content = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/content.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/content",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/content": true
      },
      $dynamicAnchor: "meta",
      title: "Content vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        contentEncoding: { type: "string" },
        contentMediaType: { type: "string" },
        contentSchema: { $dynamicRef: "#meta" }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/core.json
var require_core3 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/core.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/core",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/core": true
      },
      $dynamicAnchor: "meta",
      title: "Core vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        $id: {
          $ref: "#/$defs/uriReferenceString",
          $comment: "Non-empty fragments not allowed.",
          pattern: "^[^#]*#?$"
        },
        $schema: { $ref: "#/$defs/uriString" },
        $ref: { $ref: "#/$defs/uriReferenceString" },
        $anchor: { $ref: "#/$defs/anchorString" },
        $dynamicRef: { $ref: "#/$defs/uriReferenceString" },
        $dynamicAnchor: { $ref: "#/$defs/anchorString" },
        $vocabulary: {
          type: "object",
          propertyNames: { $ref: "#/$defs/uriString" },
          additionalProperties: {
            type: "boolean"
          }
        },
        $comment: {
          type: "string"
        },
        $defs: {
          type: "object",
          additionalProperties: { $dynamicRef: "#meta" }
        }
      },
      $defs: {
        anchorString: {
          type: "string",
          pattern: "^[A-Za-z_][-A-Za-z0-9._]*$"
        },
        uriString: {
          type: "string",
          format: "uri"
        },
        uriReferenceString: {
          type: "string",
          format: "uri-reference"
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json
var require_format_annotation = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/format-annotation",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/format-annotation": true
      },
      $dynamicAnchor: "meta",
      title: "Format vocabulary meta-schema for annotation results",
      type: ["object", "boolean"],
      properties: {
        format: { type: "string" }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/meta-data.json
var require_meta_data = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/meta-data.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/meta-data",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/meta-data": true
      },
      $dynamicAnchor: "meta",
      title: "Meta-data vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        title: {
          type: "string"
        },
        description: {
          type: "string"
        },
        default: true,
        deprecated: {
          type: "boolean",
          default: false
        },
        readOnly: {
          type: "boolean",
          default: false
        },
        writeOnly: {
          type: "boolean",
          default: false
        },
        examples: {
          type: "array",
          items: true
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/meta/validation.json
var require_validation2 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/meta/validation.json"(exports, module) {
    module.exports = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://json-schema.org/draft/2020-12/meta/validation",
      $vocabulary: {
        "https://json-schema.org/draft/2020-12/vocab/validation": true
      },
      $dynamicAnchor: "meta",
      title: "Validation vocabulary meta-schema",
      type: ["object", "boolean"],
      properties: {
        type: {
          anyOf: [
            { $ref: "#/$defs/simpleTypes" },
            {
              type: "array",
              items: { $ref: "#/$defs/simpleTypes" },
              minItems: 1,
              uniqueItems: true
            }
          ]
        },
        const: true,
        enum: {
          type: "array",
          items: true
        },
        multipleOf: {
          type: "number",
          exclusiveMinimum: 0
        },
        maximum: {
          type: "number"
        },
        exclusiveMaximum: {
          type: "number"
        },
        minimum: {
          type: "number"
        },
        exclusiveMinimum: {
          type: "number"
        },
        maxLength: { $ref: "#/$defs/nonNegativeInteger" },
        minLength: { $ref: "#/$defs/nonNegativeIntegerDefault0" },
        pattern: {
          type: "string",
          format: "regex"
        },
        maxItems: { $ref: "#/$defs/nonNegativeInteger" },
        minItems: { $ref: "#/$defs/nonNegativeIntegerDefault0" },
        uniqueItems: {
          type: "boolean",
          default: false
        },
        maxContains: { $ref: "#/$defs/nonNegativeInteger" },
        minContains: {
          $ref: "#/$defs/nonNegativeInteger",
          default: 1
        },
        maxProperties: { $ref: "#/$defs/nonNegativeInteger" },
        minProperties: { $ref: "#/$defs/nonNegativeIntegerDefault0" },
        required: { $ref: "#/$defs/stringArray" },
        dependentRequired: {
          type: "object",
          additionalProperties: {
            $ref: "#/$defs/stringArray"
          }
        }
      },
      $defs: {
        nonNegativeInteger: {
          type: "integer",
          minimum: 0
        },
        nonNegativeIntegerDefault0: {
          $ref: "#/$defs/nonNegativeInteger",
          default: 0
        },
        simpleTypes: {
          enum: ["array", "boolean", "integer", "null", "number", "object", "string"]
        },
        stringArray: {
          type: "array",
          items: { type: "string" },
          uniqueItems: true,
          default: []
        }
      }
    };
  }
});

// node_modules/ajv/dist/refs/json-schema-2020-12/index.js
var require_json_schema_2020_12 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-2020-12/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var metaSchema = require_schema();
    var applicator = require_applicator2();
    var unevaluated = require_unevaluated2();
    var content = require_content();
    var core = require_core3();
    var format = require_format_annotation();
    var metadata = require_meta_data();
    var validation = require_validation2();
    var META_SUPPORT_DATA = ["/properties"];
    function addMetaSchema2020($data) {
      ;
      [
        metaSchema,
        applicator,
        unevaluated,
        content,
        core,
        with$data(this, format),
        metadata,
        with$data(this, validation)
      ].forEach((sch) => this.addMetaSchema(sch, void 0, false));
      return this;
      function with$data(ajv2, sch) {
        return $data ? ajv2.$dataMetaSchema(sch, META_SUPPORT_DATA) : sch;
      }
    }
    exports.default = addMetaSchema2020;
  }
});

// node_modules/ajv/dist/2020.js
var require__ = __commonJS({
  "node_modules/ajv/dist/2020.js"(exports, module) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv2020 = void 0;
    var core_1 = require_core();
    var draft2020_1 = require_draft2020();
    var discriminator_1 = require_discriminator();
    var json_schema_2020_12_1 = require_json_schema_2020_12();
    var META_SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema";
    var Ajv20202 = class extends core_1.default {
      constructor(opts = {}) {
        super({
          ...opts,
          dynamicRef: true,
          next: true,
          unevaluated: true
        });
      }
      _addVocabularies() {
        super._addVocabularies();
        draft2020_1.default.forEach((v) => this.addVocabulary(v));
        if (this.opts.discriminator)
          this.addKeyword(discriminator_1.default);
      }
      _addDefaultMetaSchema() {
        super._addDefaultMetaSchema();
        const { $data, meta } = this.opts;
        if (!meta)
          return;
        json_schema_2020_12_1.default.call(this, $data);
        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
      }
      defaultMeta() {
        return this.opts.defaultMeta = super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : void 0);
      }
    };
    exports.Ajv2020 = Ajv20202;
    module.exports = exports = Ajv20202;
    module.exports.Ajv2020 = Ajv20202;
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.default = Ajv20202;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: true, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: true, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: true, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: true, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: true, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    Object.defineProperty(exports, "ValidationError", { enumerable: true, get: function() {
      return validation_error_1.default;
    } });
    var ref_error_1 = require_ref_error();
    Object.defineProperty(exports, "MissingRefError", { enumerable: true, get: function() {
      return ref_error_1.default;
    } });
  }
});

// src/cli.ts
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";

// src/budgets/limits.ts
var UNIT_BYTES = {
  "": 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  // formatBytes prints PB from 999.5 TB on: what it prints must read back.
  p: 1e15,
  pb: 1e15,
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
  pi: 1024 ** 5,
  pib: 1024 ** 5
};
var NUMBER = String.raw`\+?(\d+(?:\.\d*)?|\.\d+)`;
var SIZE = new RegExp(`^${NUMBER}\\s*([a-z]*)$`, "i");
var PERCENT = new RegExp(`^${NUMBER}\\s*%$`);
var PLAIN = new RegExp(`^${NUMBER}$`);
function parseBytes(text) {
  const match = SIZE.exec(text.trim());
  if (!match) return null;
  const unit = UNIT_BYTES[(match[2] ?? "").toLowerCase()];
  if (unit === void 0) return null;
  const bytes = Math.round(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) ? bytes : null;
}
function explainBadSize(text) {
  const trimmed = text.trim();
  if (trimmed === "") return "the value is empty";
  if (trimmed.startsWith("-")) return "a size cannot be negative";
  if (/^[+]?[\d.]+e[+-]?\d+/i.test(trimmed)) return "write the unit instead of an exponent (e.g. 1000 -> 1kB)";
  const match = SIZE.exec(trimmed);
  if (!match) return null;
  const unit = match[2] ?? "";
  if (UNIT_BYTES[unit.toLowerCase()] === void 0) return `unknown unit '${unit}' (decimal kB, MB, GB\u2026 or binary KiB, MiB, GiB\u2026)`;
  if (parseBytes(trimmed) === null) return "the number is too large";
  return null;
}
function isSizeUnit(word2) {
  return word2 === "%" || word2 !== "" && UNIT_BYTES[word2.toLowerCase()] !== void 0;
}
function parsePercent(text) {
  const match = PERCENT.exec(text.trim());
  if (!match) return null;
  const ratio2 = Number(match[1]) / 100;
  return Number.isFinite(ratio2) ? ratio2 : null;
}
function parseRatio(text) {
  const trimmed = text.trim();
  const percent = parsePercent(trimmed);
  const ratio2 = percent ?? (PLAIN.test(trimmed) ? Number(trimmed.replace(/^\+/, "")) : null);
  if (ratio2 === null || !Number.isFinite(ratio2) || ratio2 < 0 || ratio2 > 1) return null;
  return ratio2;
}

// src/errors.ts
var cliInputNames = (input) => `--${input}`;
var LayerdiffError = class extends Error {
  code;
  /** The reference or input name the error is about, if any (already part of `message`). */
  subject;
  /**
   * The message for any shell, when it names an input a user sets (`--platform` in the CLI, the
   * `platform` input in the action): the shell words it with its own names (`describeError`).
   */
  worded;
  constructor(code, message, options2) {
    super(message, options2?.cause === void 0 ? void 0 : { cause: options2.cause });
    this.name = "LayerdiffError";
    this.code = code;
    this.subject = options2?.subject;
    this.worded = options2?.worded;
  }
  /** The message in the words of the shell that names inputs with `name`. */
  messageFor(name) {
    return this.worded ? this.worded(name) : this.message;
  }
};
function namingError(code, worded, options2) {
  return new LayerdiffError(code, worded(cliInputNames), { ...options2, worded });
}
function inputError(subject, reason, cause) {
  return new LayerdiffError("input", `${subject}: ${reason}`, { subject, cause });
}
function usageError(message) {
  return new LayerdiffError("usage", message);
}
function isLayerdiffError(error) {
  return error instanceof LayerdiffError;
}

// src/budgets/rules.ts
var MEASURES = [
  { fail: "max-size", warn: "warn-size", measure: "size", bound: "max", accepts: "bytes" },
  { fail: "max-compressed-size", warn: "warn-compressed-size", measure: "compressed-size", bound: "max", accepts: "bytes" },
  { fail: "max-growth", warn: "warn-growth", measure: "growth", bound: "max", accepts: "bytes-or-percent" },
  { fail: "max-layer-growth", warn: "warn-layer-growth", measure: "layer-growth", bound: "max", accepts: "bytes-or-percent" },
  { fail: "min-cache-hit", warn: "warn-cache-hit", measure: "cache-hit", bound: "min", accepts: "ratio" },
  { fail: "max-wasted", warn: "warn-wasted", measure: "wasted", bound: "max", accepts: "bytes" },
  { fail: "min-efficiency", warn: "warn-efficiency", measure: "efficiency", bound: "min", accepts: "ratio" }
];
var RULE_SPECS = new Map(
  MEASURES.flatMap(({ fail, warn, ...spec }) => [
    [fail, { ...spec, level: "fail" }],
    [warn, { ...spec, level: "warn" }]
  ])
);
var RULE_NAMES = [...MEASURES.map((m) => m.fail), ...MEASURES.map((m) => m.warn)];
var EXPECTED = {
  bytes: "a size like 500MB, 1.5GiB or 123 (bytes)",
  "bytes-or-percent": "a size like 50MB, 1.5GiB or 123 (bytes), or a percent like 5%",
  ratio: "a percent like 80% or a ratio like 0.8"
};
function parseBudgetRule(rule, value, origin) {
  const spec = RULE_SPECS.get(rule);
  if (!spec) throw usageError(`${origin}: unknown budget rule '${rule}' (known rules: ${RULE_NAMES.join(", ")})`);
  const limitText2 = value.trim();
  const limit = parseLimit(spec.accepts, limitText2);
  if (limit === null) {
    const why = spec.accepts === "ratio" ? null : explainBadSize(limitText2);
    throw usageError(`${origin}: ${rule}: cannot parse '${value}'${why ? `: ${why}` : ""} (expected ${EXPECTED[spec.accepts]})`);
  }
  return { rule, limitText: limitText2, limit, level: spec.level };
}
function parseLimit(accepts, text) {
  if (accepts === "ratio") {
    const ratio2 = parseRatio(text);
    return ratio2 === null ? null : { kind: "ratio", ratio: ratio2 };
  }
  if (accepts === "bytes-or-percent") {
    const ratio2 = parsePercent(text);
    if (ratio2 !== null) return { kind: "ratio", ratio: ratio2 };
  }
  const bytes = parseBytes(text);
  return bytes === null ? null : { kind: "bytes", bytes };
}
function parseBudgetLines(text, origin) {
  const rules = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") return;
    const where = `${origin} line ${index + 1}`;
    const colon = line.indexOf(":");
    if (colon < 0) throw usageError(`${where}: expected 'rule: value', got '${line}'`);
    const rule = line.slice(0, colon).trim().replace(/^--/, "");
    const value = line.slice(colon + 1).trim();
    if (value === "") throw usageError(`${where}: ${rule}: missing value`);
    rules.push(parseBudgetRule(rule, value, where));
  });
  return rules;
}
function budgetRulesFromFlags(flags) {
  const rules = [];
  for (const name of RULE_NAMES) {
    const value = flags[name];
    if (value === void 0) continue;
    rules.push(parseBudgetRule(name, value, `--${name}`));
  }
  return rules;
}
var DEEP_MEASURES = /* @__PURE__ */ new Set(["wasted", "efficiency"]);
function needsDeepScan(rule) {
  const spec = RULE_SPECS.get(rule.rule);
  return spec !== void 0 && DEEP_MEASURES.has(spec.measure);
}

// src/cli-credentials.ts
var ENV_USERNAME = "LAYERDIFF_REGISTRY_USERNAME";
var ENV_PASSWORD = "LAYERDIFF_REGISTRY_PASSWORD";
var ENV_BASE_USERNAME = "LAYERDIFF_BASE_REGISTRY_USERNAME";
var ENV_BASE_PASSWORD = "LAYERDIFF_BASE_REGISTRY_PASSWORD";
function credentialsFromCli(flags, env) {
  const envUser = nonEmpty(env[ENV_USERNAME]);
  const envPassword = nonEmpty(env[ENV_PASSWORD]);
  checkCredentialFlags({ ...flags, passwordStdin: flags.passwordFromStdin !== void 0 });
  let head;
  if (flags.creds !== void 0) {
    head = { creds: flags.creds, origin: "--creds" };
  } else if (flags.username !== void 0) {
    const user = checkUser(flags.username, "--username");
    if (flags.passwordFromStdin !== void 0) head = { creds: `${user}:${flags.passwordFromStdin}`, origin: "--username/--password-stdin" };
    else if (envPassword !== void 0) head = { creds: `${user}:${envPassword}`, origin: `--username/${ENV_PASSWORD}` };
    else throw usageError(`--username needs a password: pipe it in with --password-stdin, or set ${ENV_PASSWORD}`);
  } else {
    head = fromEnv(env, ENV_USERNAME, ENV_PASSWORD, envUser, envPassword);
  }
  const base = flags.baseCreds !== void 0 ? { creds: flags.baseCreds, origin: "--base-creds" } : fromEnv(env, ENV_BASE_USERNAME, ENV_BASE_PASSWORD) ?? head;
  return { head, base };
}
function checkCredentialFlags(flags) {
  if (flags.creds !== void 0 && flags.username !== void 0) throw usageError("--creds and --username both give the registry user: use one");
  if (flags.passwordStdin && flags.username === void 0) {
    throw usageError("--password-stdin needs --username USER (stdin holds the password only, as with docker login)");
  }
}
function fromEnv(env, userVar, passwordVar, user = nonEmpty(env[userVar]), password = nonEmpty(env[passwordVar])) {
  if (user === void 0 && password === void 0) return void 0;
  if (user === void 0) throw usageError(`${passwordVar} is set but ${userVar} is not: set both`);
  if (password === void 0) throw usageError(`${userVar} is set but ${passwordVar} is not: set both`);
  return { creds: `${checkUser(user, userVar)}:${password}`, origin: `${userVar}/${passwordVar}` };
}
function checkUser(user, origin) {
  if (user === "" || user.includes(":")) throw usageError(`${origin}: a registry user name must be non-empty and hold no colon`);
  return user;
}
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}
var STDIN_PASSWORD_LIMIT = 64 * 1024;
async function readPasswordFromStdin(stdin) {
  if (stdin.isTTY) throw usageError('--password-stdin: stdin is a terminal; pipe the password in, e.g. printf %s "$TOKEN" | layerdiff ... --password-stdin');
  const chunks = [];
  let total = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > STDIN_PASSWORD_LIMIT) {
      stdin.destroy?.();
      throw usageError(`--password-stdin: stdin holds more than ${STDIN_PASSWORD_LIMIT / 1024} KiB; expected one password`);
    }
    chunks.push(bytes);
  }
  const password = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  if (password === "") throw usageError("--password-stdin: stdin was empty");
  if (/[\r\n]/.test(password)) throw usageError("--password-stdin: stdin holds more than one line; expected one password");
  return password;
}

// src/core/ratio.ts
function growthRatio(from, to) {
  if (from === 0) return to === 0 ? 0 : null;
  return (to - from) / from;
}

// src/budgets/evaluate.ts
function checkBudgets(rules, report) {
  return rules.map((rule) => checkRule(rule, report));
}
function worstVerdict(results) {
  if (results.some((r) => r.status === "fail")) return "fail";
  if (results.some((r) => r.status === "warn")) return "warn";
  return "pass";
}
function checkRule(rule, report) {
  const spec = RULE_SPECS.get(rule.rule);
  const base = { rule: rule.rule, limitText: rule.limitText };
  if (!spec) return { ...base, actual: null, status: "warn", finding: { kind: "unknown-rule" } };
  const measured = measure(spec, rule, report);
  if ("none" in measured) return { ...base, actual: null, status: measured.status === "rule" ? rule.level : measured.status, finding: measured.none };
  const limitNumber = rule.limit.kind === "bytes" ? rule.limit.bytes : rule.limit.ratio;
  const broken = spec.bound === "max" ? measured.figure > limitNumber : measured.figure < limitNumber;
  const finding = { kind: "compared", measure: spec.measure, bound: spec.bound, figure: measured.figure, limit: rule.limit };
  if (measured.layer !== void 0) finding.layer = measured.layer;
  return { ...base, actual: measured.figure, status: broken ? rule.level : "pass", finding };
}
function measure(spec, rule, report) {
  const head = report.totals.head;
  const percent = rule.limit.kind === "ratio";
  switch (spec.measure) {
    case "size":
      return { figure: head.size };
    case "compressed-size":
      if (head.compressedSize === null) return { none: { kind: "compressed-size-unknown" }, status: "warn" };
      return { figure: head.compressedSize };
    case "growth": {
      const baseTotals = report.totals.base;
      if (report.base === null || baseTotals === null) return noBase();
      if (!percent) return { figure: report.totals.delta.size };
      const growth = growthRatio(baseTotals.size, head.size);
      if (growth === null) return { none: { kind: "from-empty-base", deltaBytes: report.totals.delta.size, limit: rule.limit }, status: "rule" };
      return { figure: growth };
    }
    case "layer-growth":
      if (report.base === null) return noBase();
      return percent ? largestLayerGrowthRatio(report) : largestLayerGrowthBytes(report);
    case "cache-hit":
      if (report.cacheHit === null) return noBase();
      return { figure: report.cacheHit.bytes.ratio };
    case "wasted":
      if (!report.deep) return needsDeep();
      return { figure: report.deep.waste.wastedBytes };
    case "efficiency":
      if (!report.deep) return needsDeep();
      return { figure: report.deep.waste.efficiency };
  }
}
function noBase() {
  return { none: { kind: "no-base" }, status: "pass" };
}
function needsDeep() {
  return { none: { kind: "needs-deep" }, status: "warn" };
}
function largestLayerGrowthBytes(report) {
  let best = 0;
  let layer;
  for (const row2 of report.layers) {
    if ((row2.status === "changed" || row2.status === "added") && row2.delta.size > best) {
      best = row2.delta.size;
      layer = row2.head?.index ?? null;
    }
  }
  return layer === void 0 ? { figure: 0 } : { figure: best, layer };
}
function largestLayerGrowthRatio(report) {
  let best = 0;
  let layer;
  for (const row2 of report.layers) {
    if (row2.status !== "changed" || !row2.base || row2.base.size === 0) continue;
    const growth = row2.delta.size / row2.base.size;
    if (growth > best) {
      best = growth;
      layer = row2.head?.index ?? null;
    }
  }
  return layer === void 0 ? { figure: 0 } : { figure: best, layer };
}

// src/core/report.ts
var REPORT_SCHEMA = "layerdiff/report@1";

// src/core/snapshot.ts
var SNAPSHOT_SCHEMA = "layerdiff/snapshot@1";
function sumSizes(layers) {
  let size2 = 0;
  let compressedSize = 0;
  let contentSize = 0;
  for (const layer of layers) {
    size2 += layer.size;
    compressedSize = compressedSize === null || layer.compressedSize === null ? null : compressedSize + layer.compressedSize;
    contentSize = contentSize === null || layer.contentSize === null ? null : contentSize + layer.contentSize;
  }
  return { size: size2, compressedSize, contentSize };
}

// src/diff/align.ts
var MAX_CELLS = 4e6;
var LOOKAHEAD = 32;
function alignSequences(left, right, score, options2 = {}) {
  const n = left.length;
  const m = right.length;
  if (n === 0 || m === 0) return [];
  if (n * m > (options2.maxCells ?? MAX_CELLS)) return alignGreedily(left, right, score, options2.skipCost ?? 0, options2.maxScore ?? Infinity);
  const width2 = m + 1;
  const best = new Float64Array((n + 1) * width2);
  const pairScore = new Float64Array(n * m);
  for (let i2 = n - 1; i2 >= 0; i2--) {
    for (let j2 = m - 1; j2 >= 0; j2--) {
      const s = score(left[i2], right[j2], i2, j2);
      pairScore[i2 * m + j2] = s;
      const skipLeft = best[(i2 + 1) * width2 + j2];
      const skipRight = best[i2 * width2 + j2 + 1];
      const pair = s > 0 ? s + best[(i2 + 1) * width2 + j2 + 1] : -Infinity;
      best[i2 * width2 + j2] = Math.max(pair, skipLeft, skipRight);
    }
  }
  const pairs = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const here = best[i * width2 + j];
    const s = pairScore[i * m + j];
    if (s > 0 && here === s + best[(i + 1) * width2 + j + 1]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (here === best[(i + 1) * width2 + j]) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}
function alignGreedily(left, right, score, skipCost, maxScore) {
  const pairs = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    let next = null;
    let bestValue = -Infinity;
    for (let skip = 0; skip <= 2 * LOOKAHEAD; skip++) {
      if (next !== null && maxScore - skip * skipCost <= bestValue) break;
      for (let di = Math.max(0, skip - LOOKAHEAD); di <= Math.min(skip, LOOKAHEAD); di++) {
        const a = i + di;
        const b = j + skip - di;
        if (a >= left.length || b >= right.length) continue;
        const s = score(left[a], right[b], a, b);
        if (s <= 0) continue;
        const value = s - skip * skipCost;
        if (value > bestValue) {
          bestValue = value;
          next = [a, b];
        }
      }
      if (next !== null && skipCost === 0) break;
    }
    if (next === null) {
      i++;
      j++;
      continue;
    }
    pairs.push(next);
    i = next[0] + 1;
    j = next[1] + 1;
  }
  return pairs;
}

// src/diff/instruction.ts
var NOP_PREFIX = /^\/bin\/sh -c #\(nop\)\s*/;
var SHELL_PREFIX = /^\/bin\/(?:ba)?sh -c\s+/;
var BUILDKIT_ARGS_PREFIX = /^(?:RUN\s+)?\|(\d+)\s+/;
var RUN_SHELL_PREFIX = /^RUN \/bin\/(?:ba)?sh -c\s+/;
var BUILDKIT_SUFFIX = /\s*# buildkit\s*$/;
var CONTENT_HASH = /\b(file|dir|multi):[0-9a-f]{16,}\b/g;
var KEYWORD = /^([A-Z]+)\b/;
function normaliseCreatedBy(createdBy) {
  if (createdBy === null) return null;
  let text = createdBy.replace(/\s+/g, " ").trim();
  text = text.replace(BUILDKIT_SUFFIX, "");
  const args = BUILDKIT_ARGS_PREFIX.exec(text);
  if (args) {
    const command = stripBuildArgs(text.slice(args[0].length), Number(args[1]));
    text = SHELL_PREFIX.test(command) ? command : `RUN ${command}`;
  }
  if (NOP_PREFIX.test(text)) text = text.replace(NOP_PREFIX, "");
  else if (SHELL_PREFIX.test(text)) text = "RUN " + text.replace(SHELL_PREFIX, "");
  else if (RUN_SHELL_PREFIX.test(text)) text = "RUN " + text.replace(RUN_SHELL_PREFIX, "");
  text = text.replace(CONTENT_HASH, "$1:\u2026");
  return text.trim();
}
function stripBuildArgs(text, count) {
  let rest = text;
  for (let i = 0; i < count; i++) {
    const space = rest.indexOf(" ");
    if (space < 0) return rest;
    rest = rest.slice(space + 1);
  }
  return rest;
}
function instructionKeyword(normalised) {
  if (normalised === null) return null;
  return KEYWORD.exec(normalised)?.[1] ?? null;
}
var SHELL_PUNCTUATION = /* @__PURE__ */ new Set(["&&", "||", ";", "|", "\\", "&", "(", ")", "{", "}"]);
var MAX_TOKENS = 512;
function instructionTokens(normalised) {
  const tokens = /* @__PURE__ */ new Set();
  if (normalised === null) return tokens;
  const words = normalised.split(" ");
  const start = instructionKeyword(normalised) === null ? 0 : 1;
  for (let k = start; k < words.length && tokens.size < MAX_TOKENS; k++) {
    const word2 = words[k].replace(/[;,]+$/, "");
    if (word2 !== "" && !SHELL_PUNCTUATION.has(word2)) tokens.add(word2);
  }
  return tokens;
}
function sortedSimilarity(a, b) {
  if (a.length === 0 && b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

// src/diff/diff.ts
function diffSnapshots(base, head, options2 = {}) {
  const baseLayers = base?.layers ?? [];
  const headLayers = head.layers;
  const reusedBaseOf = matchByDiffId(baseLayers, headLayers);
  const baseUsed = new Set(reusedBaseOf.values());
  const leftoverBase = baseLayers.map((_, i) => i).filter((i) => !baseUsed.has(i));
  const leftoverHead = headLayers.map((_, j) => j).filter((j) => !reusedBaseOf.has(j));
  const changedBaseOf = alignLeftovers(baseLayers, headLayers, leftoverBase, leftoverHead, reusedBaseOf, options2);
  const headRows = headLayers.map((layer, j) => {
    const reused = reusedBaseOf.get(j);
    if (reused !== void 0) return row("unchanged", baseLayers[reused] ?? null, layer);
    const changed = changedBaseOf.get(j);
    if (changed !== void 0) return { ...row("changed", baseLayers[changed.base] ?? null, layer), pairedBy: changed.pairedBy };
    return row("added", null, layer);
  });
  const pairedBase = /* @__PURE__ */ new Map();
  for (const [j, i] of reusedBaseOf) pairedBase.set(i, j);
  for (const [j, { base: i }] of changedBaseOf) pairedBase.set(i, j);
  const layers = placeRemoved(headRows, baseLayers, pairedBase);
  return {
    layers,
    totals: totalsOf(base, head),
    cacheHit: base === null ? null : cacheHitOf(baseLayers, headLayers, head.totals.size)
  };
}
function matchByDiffId(baseLayers, headLayers) {
  const queues = /* @__PURE__ */ new Map();
  baseLayers.forEach((layer, i) => {
    const queue = queues.get(layer.diffId);
    if (queue) queue.push(i);
    else queues.set(layer.diffId, [i]);
  });
  const matched = /* @__PURE__ */ new Map();
  headLayers.forEach((layer, j) => {
    const i = queues.get(layer.diffId)?.shift();
    if (i !== void 0) matched.set(j, i);
  });
  return matched;
}
var FILES_TIER = 1e3;
var SAME_INSTRUCTION = 100;
var SAME_KEYWORD = 10;
var SIMILARITY_RANGE = 80;
var BOTH_UNKNOWN = 1;
var SAME_GAP_BONUS = 0.5;
var SIZE_LIKENESS_BONUS = 0.25;
var MAX_OVERLAP_STEPS = 2e6;
var MAX_TABLE_CELLS = 4e6;
var MAX_WORD_STEPS = 4e7;
function alignLeftovers(baseLayers, headLayers, leftoverBase, leftoverHead, reusedBaseOf, options2) {
  const headOfBase = /* @__PURE__ */ new Map();
  for (const [j, i] of reusedBaseOf) headOfBase.set(i, j);
  const baseGap = gapsOf(baseLayers.length, (i) => headOfBase.get(i));
  const headGap = gapsOf(headLayers.length, (j) => reusedBaseOf.has(j) ? j : void 0);
  const wordIds = /* @__PURE__ */ new Map();
  const idsOf = (words) => Int32Array.from(words, (word2) => {
    let id = wordIds.get(word2);
    if (id === void 0) wordIds.set(word2, id = wordIds.size);
    return id;
  }).sort();
  const describe2 = (pos, layer) => {
    const instruction = normaliseCreatedBy(typeof layer.createdBy === "string" ? layer.createdBy : null);
    return {
      pos,
      instruction,
      keyword: instructionKeyword(instruction),
      words: idsOf(instructionTokens(instruction)),
      size: layer.size,
      files: options2.layerFiles?.(layer)
    };
  };
  const left = leftoverBase.map((i) => describe2(i, baseLayers[i]));
  const right = leftoverHead.map((j) => describe2(j, headLayers[j]));
  const shared = options2.layerFiles ? sharedFileCounts(left, right) : null;
  const filesScore = (a, b, l, r) => filesLikeness(shared?.get(l * right.length + r) ?? 0, a, b);
  const sameInstruction = (a, b) => a.instruction !== null && a.instruction === b.instruction;
  const sameKeyword = (a, b) => a.instruction !== null && b.instruction !== null && a.keyword !== null && a.keyword === b.keyword;
  const score = (a, b, l, r) => {
    const files = filesScore(a, b, l, r);
    let total;
    if (sameInstruction(a, b)) total = SAME_INSTRUCTION;
    else if (sameKeyword(a, b)) total = SAME_KEYWORD + SIMILARITY_RANGE * sortedSimilarity(a.words, b.words);
    else if (a.instruction === null && b.instruction === null) total = BOTH_UNKNOWN;
    else if (files > 0) total = 0;
    else return 0;
    total += files;
    if (baseGap[a.pos] === headGap[b.pos]) total += SAME_GAP_BONUS;
    const larger = Math.max(a.size, b.size);
    return total + SIZE_LIKENESS_BONUS * (larger === 0 ? 1 : Math.min(a.size, b.size) / larger);
  };
  const pairedBy = (a, b, l, r) => {
    if (filesScore(a, b, l, r) > 0) return "files";
    if (sameInstruction(a, b)) return "instruction";
    if (sameKeyword(a, b) && sortedSimilarity(a.words, b.words) > 0) return "similar-instruction";
    return "position";
  };
  const averageWords = (left.reduce((t, s) => t + s.words.length, 0) + right.reduce((t, s) => t + s.words.length, 0)) / Math.max(1, left.length + right.length);
  const pairs = alignSequences(left, right, score, {
    maxCells: Math.floor(Math.min(MAX_TABLE_CELLS, MAX_WORD_STEPS / Math.max(1, averageWords))),
    // Greedy walk (thousands of rebuilt layers): skipping a layer loses about an ordinary pair.
    skipCost: SAME_KEYWORD,
    maxScore: bestFilesScore(shared, left, right) + SAME_INSTRUCTION + SAME_GAP_BONUS + SIZE_LIKENESS_BONUS
  });
  const changed = /* @__PURE__ */ new Map();
  for (const [l, r] of pairs) {
    const a = left[l];
    const b = right[r];
    changed.set(b.pos, { base: a.pos, pairedBy: pairedBy(a, b, l, r) });
  }
  return changed;
}
function filesLikeness(common, a, b) {
  return common > 0 && a.files && b.files ? FILES_TIER * (common / (a.files.size + b.files.size - common)) : 0;
}
function bestFilesScore(shared, left, right) {
  let best = 0;
  for (const [key, common] of shared ?? []) {
    best = Math.max(best, filesLikeness(common, left[Math.floor(key / right.length)], right[key % right.length]));
  }
  return best;
}
function sharedFileCounts(left, right) {
  const holders = /* @__PURE__ */ new Map();
  let steps = 0;
  for (let r = 0; r < right.length; r++) {
    for (const path4 of right[r]?.files ?? []) {
      if (++steps > MAX_OVERLAP_STEPS) return null;
      const list = holders.get(path4);
      if (list) list.push(r);
      else holders.set(path4, [r]);
    }
  }
  if (holders.size === 0) return null;
  const counts = /* @__PURE__ */ new Map();
  for (let l = 0; l < left.length; l++) {
    for (const path4 of left[l]?.files ?? []) {
      const list = holders.get(path4);
      steps += 1 + (list?.length ?? 0);
      if (steps > MAX_OVERLAP_STEPS) return null;
      for (const r of list ?? []) {
        const key = l * right.length + r;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}
function gapsOf(length, anchorAt) {
  const gaps = [];
  let current = -1;
  for (let pos = 0; pos < length; pos++) {
    gaps.push(current);
    const anchor = anchorAt(pos);
    if (anchor !== void 0) current = anchor;
  }
  return gaps;
}
function placeRemoved(headRows, baseLayers, pairedBase) {
  const removedAfter = /* @__PURE__ */ new Map();
  let anchor = -1;
  baseLayers.forEach((layer, i) => {
    const headPos = pairedBase.get(i);
    if (headPos !== void 0) {
      anchor = headPos;
      return;
    }
    const list = removedAfter.get(anchor) ?? [];
    list.push(row("removed", layer, null));
    removedAfter.set(anchor, list);
  });
  const rows = [];
  const append2 = (list) => {
    for (const r of list ?? []) rows.push(r);
  };
  append2(removedAfter.get(-1));
  headRows.forEach((r, j) => {
    rows.push(r);
    append2(removedAfter.get(j));
  });
  return rows;
}
function row(status, base, head) {
  return { status, base, head, delta: deltaOf(base, head) };
}
function deltaOf(base, head) {
  if (base && head) {
    return {
      size: head.size - base.size,
      compressedSize: base.compressedSize === null || head.compressedSize === null ? null : head.compressedSize - base.compressedSize
    };
  }
  if (head) return { size: head.size, compressedSize: head.compressedSize };
  if (base) return { size: -base.size, compressedSize: base.compressedSize === null ? null : -base.compressedSize };
  return { size: 0, compressedSize: 0 };
}
function totalsOf(base, head) {
  const baseTotals = base?.totals ?? null;
  const from = baseTotals ?? { size: 0, compressedSize: 0, contentSize: 0 };
  const to = head.totals;
  return {
    base: baseTotals,
    head: to,
    delta: {
      size: to.size - from.size,
      compressedSize: nullableDifference(to.compressedSize, from.compressedSize),
      contentSize: nullableDifference(to.contentSize, from.contentSize)
    }
  };
}
function nullableDifference(to, from) {
  return to === null || from === null ? null : to - from;
}
function cacheHitOf(baseLayers, headLayers, headUncompressedBytes) {
  const inBase = new Set(baseLayers.map((l) => l.diffId));
  const hits = headLayers.filter((l) => inBase.has(l.diffId));
  const hitBytes = hits.reduce((sum2, l) => sum2 + l.size, 0);
  return {
    layers: ratio(hits.length, headLayers.length),
    bytes: ratio(hitBytes, headUncompressedBytes)
  };
}
function ratio(hit, total) {
  return { hit, total, ratio: total === 0 ? 1 : hit / total };
}

// src/tar/format-error.ts
var TarFormatError = class extends Error {
  constructor(message, code, at, detail) {
    super(message);
    this.code = code;
    this.at = at;
    this.detail = detail;
  }
  code;
  at;
  detail;
};
var MAX_META_BYTES = 1024 * 1024;
var MAX_PATH_BYTES = 4096;
function checkPath(what, value, at = -1) {
  const bytes = Buffer.byteLength(value);
  if (bytes > MAX_PATH_BYTES) {
    throw new TarFormatError(
      `${what} of ${bytes} bytes is longer than ${MAX_PATH_BYTES}; refusing`,
      "path-too-long",
      at,
      `${what} longer than ${MAX_PATH_BYTES} bytes`
    );
  }
  return value;
}
function clip(value) {
  const oneLine2 = JSON.stringify(value).slice(1, -1);
  return oneLine2.length > 40 ? `${oneLine2.slice(0, 40)}\u2026` : oneLine2;
}

// src/tar/header-block.ts
var BLOCK = 512;
function padding(size2) {
  const r = size2 % BLOCK;
  return r === 0 ? 0 : BLOCK - r;
}
function isZeroBlock(buf, off = 0) {
  for (let i = off, end = off + BLOCK; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}
var scratch = new Uint32Array(BLOCK / 4);
var scratchBytes = new Uint8Array(scratch.buffer);
function checksumValid(buf, off = 0) {
  const stored = readNumber(buf, off + 148, 8);
  if (stored < 0) return false;
  buf.copy(scratchBytes, 0, off, off + BLOCK);
  let lanes = 0;
  for (let i = 0; i < 128; i++) {
    const w = scratch[i];
    lanes += (w & 16711935) + (w >>> 8 & 16711935);
  }
  let unsigned = lanes % 65536 + Math.floor(lanes / 65536);
  for (let i = off + 148; i < off + 156; i++) unsigned -= buf[i];
  unsigned += 8 * 32;
  if (stored === unsigned) return true;
  let signed = 8 * 32;
  for (let i = off; i < off + BLOCK; i++) {
    if (i >= off + 148 && i < off + 156) continue;
    const b = buf[i];
    signed += b > 127 ? b - 256 : b;
  }
  return stored === signed;
}
function readNumber(buf, off, length) {
  const first = buf[off];
  if (first & 128) {
    if (first === 255) return -1;
    let value2 = first & 127;
    for (let i2 = off + 1; i2 < off + length; i2++) value2 = value2 * 256 + buf[i2];
    return Number.isSafeInteger(value2) ? value2 : -1;
  }
  let value = 0;
  let i = off;
  const end = off + length;
  while (i < end && (buf[i] === 32 || buf[i] === 0)) {
    if (buf[i] === 0) return 0;
    i++;
  }
  for (; i < end; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 55) value = value * 8 + (c - 48);
    else if (c === 0 || c === 32) break;
    else return -1;
  }
  return value;
}
function cString(body) {
  const nul = body.indexOf(0);
  return body.toString("utf8", 0, nul < 0 ? body.length : nul);
}
function readString(buf, off, length) {
  let end = off;
  const limit = off + length;
  while (end < limit && buf[end] !== 0) end++;
  return buf.toString("utf8", off, end);
}

// src/tar/pax-records.ts
function parsePax(body, into, at = -1) {
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(32, pos);
    if (space < 0) break;
    const recordLength = Number(body.toString("latin1", pos, space));
    if (!Number.isInteger(recordLength) || recordLength <= 0 || pos + recordLength > body.length) {
      if (body[pos] === 0) break;
      throw paxError("invalid PAX header record", at);
    }
    const record = body.toString("utf8", space + 1, pos + recordLength - 1);
    pos += recordLength;
    const eq = record.indexOf("=");
    if (eq < 0) continue;
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    switch (key) {
      case "path":
        into.path = checkPath("PAX path", value, at);
        break;
      case "linkpath":
        into.linkpath = checkPath("PAX linkpath", value, at);
        break;
      case "mtime":
      case "atime":
      case "ctime":
        if (!/^-?[0-9]{1,15}(\.[0-9]{1,9})?$/.test(value)) throw paxError(`invalid PAX ${key} "${clip(value)}"`, at);
        break;
      case "size":
        setNumber(into, "size", value, at);
        break;
      case "uid":
        setNumber(into, "uid", value, at);
        break;
      case "gid":
        setNumber(into, "gid", value, at);
        break;
      case "GNU.sparse.name":
        into.sparseName = checkPath("PAX GNU.sparse.name", value, at);
        break;
      case "GNU.sparse.realsize":
      case "GNU.sparse.size":
        setNumber(into, "sparseRealSize", value, at);
        break;
    }
  }
  return into;
}
function setNumber(into, key, value, at) {
  const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n)) into[key] = n;
  else throw paxError(`invalid PAX ${key} "${clip(value)}" (not a non-negative integer)`, at);
}
function paxError(message, at) {
  return new TarFormatError(message, "pax", at, message);
}

// src/tar/entry-reader.ts
var TarKind = {
  file: 0,
  dir: 1,
  symlink: 2,
  hardlink: 3,
  char: 4,
  block: 5,
  fifo: 6,
  other: 7
};
var State = { header: 0, skip: 1, data: 2, meta: 3, sparseExt: 4, done: 5 };
var TarEntryReader = class {
  constructor(sink) {
    this.sink = sink;
  }
  sink;
  state = State.header;
  /** Partial header (or sparse extension) block carried across chunks. */
  block = Buffer.alloc(BLOCK);
  blockFill = 0;
  skipBytes = 0;
  /** How many of the last `skipBytes` are block padding (not part of any body). */
  skipPad = 0;
  dataRemain = 0;
  dataPad = 0;
  meta = null;
  metaFill = 0;
  metaType = 0;
  metaAt = 0;
  local = null;
  global = null;
  /** Bytes consumed so far (pushed or skipped). */
  offset = 0;
  blockAt = 0;
  current = {
    path: "",
    kind: TarKind.file,
    typeflag: 0,
    size: 0,
    bodySize: 0,
    headerAt: 0,
    bodyAt: 0,
    sparse: false,
    linkpath: null,
    mode: 0,
    uid: 0,
    gid: 0
  };
  /** True once the end-of-archive block has been read (or `end()` accepted the stream). */
  get finished() {
    return this.state === State.done;
  }
  /** True while passing over bytes nobody reads (a body, padding): a seeking driver may `skip` them. */
  get skipping() {
    return this.state === State.skip;
  }
  /** True when the next byte starts a header block (not a body, a meta record or an extension block). */
  get atHeader() {
    return this.state === State.header && this.blockFill === 0;
  }
  /** Of the bytes being skipped, how many at the end are padding: a stream may end without them. */
  get paddingWanted() {
    return this.state === State.skip ? Math.min(this.skipPad, this.skipBytes) : 0;
  }
  /** Bytes the reader needs before its next decision: the rest of a block, a meta body, a body. */
  get bytesWanted() {
    switch (this.state) {
      case State.header:
      case State.sparseExt:
        return BLOCK - this.blockFill;
      case State.skip:
        return this.skipBytes;
      case State.data:
        return this.dataRemain;
      case State.meta:
        return this.meta.length - this.metaFill;
      default:
        return 0;
    }
  }
  /** Passes over `n` bytes the driver did not push (it seeked over them); only while `skipping`. */
  skip(n) {
    if (n === 0) return;
    if (this.state !== State.skip || n > this.skipBytes) throw new Error(`TarEntryReader.skip(${n}) outside a body`);
    this.skipBytes -= n;
    this.offset += n;
    if (this.skipBytes === 0) this.state = State.header;
  }
  /** Feeds tar bytes. Throws `TarFormatError` on a malformed archive. */
  push(chunk) {
    const len = chunk.length;
    let pos = 0;
    while (pos < len) {
      switch (this.state) {
        case State.header:
        case State.sparseExt: {
          if (this.blockFill === 0 && pos + BLOCK <= len) {
            this.blockAt = this.offset + pos;
            pos += BLOCK;
            this.onBlock(chunk, pos - BLOCK, this.offset + pos);
          } else {
            const n = Math.min(BLOCK - this.blockFill, len - pos);
            chunk.copy(this.block, this.blockFill, pos, pos + n);
            this.blockFill += n;
            pos += n;
            if (this.blockFill === BLOCK) {
              this.blockFill = 0;
              this.blockAt = this.offset + pos - BLOCK;
              this.onBlock(this.block, 0, this.offset + pos);
            }
          }
          break;
        }
        case State.skip: {
          const n = Math.min(this.skipBytes, len - pos);
          pos += n;
          this.skipBytes -= n;
          if (this.skipBytes === 0) this.state = State.header;
          break;
        }
        case State.data: {
          const n = Math.min(this.dataRemain, len - pos);
          this.sink.data(chunk.subarray(pos, pos + n));
          pos += n;
          this.dataRemain -= n;
          if (this.dataRemain === 0) this.endData();
          break;
        }
        case State.meta: {
          const meta = this.meta;
          const n = Math.min(meta.length - this.metaFill, len - pos);
          chunk.copy(meta, this.metaFill, pos, pos + n);
          this.metaFill += n;
          pos += n;
          if (this.metaFill === meta.length) this.endMeta();
          break;
        }
        case State.done:
          this.offset += len - pos;
          return;
      }
    }
    this.offset += len;
  }
  /** Call at the end of the stream: throws when it ended inside an entry. */
  end() {
    if (this.state === State.done) return;
    if (this.state === State.header && this.blockFill === 0) {
      this.state = State.done;
      return;
    }
    throw new TarFormatError(`unexpected end of tar data at byte ${this.offset} (truncated layer?)`, "truncated", this.blockAt, "truncated");
  }
  endData() {
    this.sink.dataEnd?.();
    this.skipBytes = this.dataPad;
    this.skipPad = this.dataPad;
    this.state = this.skipBytes > 0 ? State.skip : State.header;
  }
  /** `next` is the stream offset just past this block (where a body would start). */
  onBlock(buf, off, next) {
    if (this.state === State.sparseExt) {
      if (buf[off + 504] === 0) this.emit(next);
      return;
    }
    this.onHeader(buf, off, next);
  }
  onHeader(buf, off, next) {
    const at = this.blockAt;
    if (buf[off] === 0 && isZeroBlock(buf, off)) {
      this.state = State.done;
      return;
    }
    if (!checksumValid(buf, off)) throw new TarFormatError(`invalid tar header at byte ${at} (bad checksum)`, "checksum", at, "bad checksum");
    const type = buf[off + 156];
    const storedSize = readNumber(buf, off + 124, 12);
    if (storedSize < 0) throw new TarFormatError(`invalid tar header at byte ${at}: bad size field`, "size", at, "invalid size");
    if (type === 120 || type === 103 || type === 76 || type === 75 || type === 88) {
      if (storedSize > MAX_META_BYTES) {
        const name2 = readString(buf, off, 100);
        throw new TarFormatError(
          `tar meta header of ${storedSize} bytes exceeds ${MAX_META_BYTES} (corrupt layer?)`,
          "meta-too-large",
          at,
          `extended header for "${name2}" is ${storedSize} bytes`
        );
      }
      this.metaType = type;
      this.metaAt = at;
      this.meta = Buffer.allocUnsafe(storedSize);
      this.metaFill = 0;
      this.dataPad = padding(storedSize);
      if (storedSize === 0) this.endMeta();
      else this.state = State.meta;
      return;
    }
    if (type === 86) {
      this.local = null;
      this.skipBytes = storedSize + padding(storedSize);
      this.skipPad = padding(storedSize);
      this.state = this.skipBytes > 0 ? State.skip : State.header;
      return;
    }
    const local = this.local;
    const global = this.global;
    this.local = null;
    const ustar = buf[off + 257] === 117 && buf[off + 258] === 115 && buf[off + 259] === 116 && buf[off + 260] === 97 && buf[off + 261] === 114;
    const posix2 = ustar && buf[off + 262] === 0;
    let name = local?.path ?? global?.path;
    if (name === void 0) {
      name = readString(buf, off, 100);
      if (posix2 && buf[off + 345] !== 0) name = readString(buf, off + 345, 155) + "/" + name;
    }
    let kind;
    let headerOnly = false;
    switch (type) {
      case 48:
      // '0'
      case 0:
      // v7 regular file ('/' ending marks a v7 directory)
      case 55:
        kind = name.endsWith("/") ? TarKind.dir : TarKind.file;
        break;
      case 49:
        kind = TarKind.hardlink;
        headerOnly = true;
        break;
      case 50:
        kind = TarKind.symlink;
        headerOnly = true;
        break;
      case 51:
        kind = TarKind.char;
        headerOnly = true;
        break;
      case 52:
        kind = TarKind.block;
        headerOnly = true;
        break;
      case 53:
        kind = TarKind.dir;
        headerOnly = true;
        break;
      case 54:
        kind = TarKind.fifo;
        headerOnly = true;
        break;
      case 68:
        kind = TarKind.dir;
        break;
      case 83:
        kind = TarKind.file;
        break;
      default:
        kind = type >= 65 && type <= 90 ? TarKind.other : TarKind.file;
    }
    let bodySize = local?.size ?? global?.size ?? storedSize;
    let size2 = bodySize;
    if (type === 83) {
      size2 = readNumber(buf, off + 483, 12);
      if (size2 < 0) throw new TarFormatError(`invalid tar header at byte ${at}: bad sparse real size field`, "sparse-size", at, "invalid sparse real size");
    }
    const sparseName = local?.sparseName;
    if (sparseName !== void 0) name = sparseName;
    if (local?.sparseRealSize !== void 0) size2 = local.sparseRealSize;
    if (headerOnly) bodySize = 0;
    if (kind !== TarKind.file) size2 = 0;
    let linkpath = null;
    if (kind === TarKind.symlink || kind === TarKind.hardlink) linkpath = local?.linkpath ?? global?.linkpath ?? readString(buf, off + 157, 100);
    const mode = readNumber(buf, off + 100, 8);
    const uid = local?.uid ?? global?.uid ?? readNumber(buf, off + 108, 8);
    const gid = local?.gid ?? global?.gid ?? readNumber(buf, off + 116, 8);
    const h = this.current;
    h.path = name;
    h.kind = kind;
    h.typeflag = type;
    h.size = size2;
    h.bodySize = bodySize;
    h.headerAt = at;
    h.sparse = type === 83 || local?.sparseRealSize !== void 0 || sparseName !== void 0;
    h.linkpath = linkpath;
    h.mode = mode < 0 ? 0 : mode;
    h.uid = uid < 0 ? 0 : uid;
    h.gid = gid < 0 ? 0 : gid;
    if (type === 83 && buf[off + 482] !== 0) {
      this.state = State.sparseExt;
      return;
    }
    this.emit(next);
  }
  /** Hands the current header to the sink, then sets up its body. */
  emit(bodyAt) {
    const h = this.current;
    h.bodyAt = bodyAt;
    const wantsData = this.sink.entry(h);
    const total = h.bodySize + padding(h.bodySize);
    if (wantsData) {
      this.dataRemain = h.bodySize;
      this.dataPad = total - h.bodySize;
      if (h.bodySize === 0) this.endData();
      else this.state = State.data;
      return;
    }
    this.skipBytes = total;
    this.skipPad = total - h.bodySize;
    this.state = total > 0 ? State.skip : State.header;
  }
  endMeta() {
    const body = this.meta;
    const at = this.metaAt;
    this.meta = null;
    switch (this.metaType) {
      case 120:
      case 88:
        this.local = parsePax(body, this.local ?? {}, at);
        break;
      case 103: {
        const global = parsePax(body, this.global ?? {}, at);
        delete global.path;
        delete global.linkpath;
        delete global.sparseName;
        this.global = global;
        break;
      }
      case 76:
        (this.local ??= {}).path = checkPath("GNU long name", cString(body), at);
        break;
      case 75:
        (this.local ??= {}).linkpath = checkPath("GNU long link name", cString(body), at);
        break;
    }
    this.skipBytes = this.dataPad;
    this.skipPad = this.dataPad;
    this.state = this.skipBytes > 0 ? State.skip : State.header;
  }
};

// src/layers/packages/record.ts
var PACKAGE_LIMITS = {
  /** Bytes of one database file captured while the layer streams past. */
  fileBytes: 8 * 1024 * 1024,
  /** Bytes of all database files captured from one layer. */
  layerBytes: 32 * 1024 * 1024,
  /** Database files captured from one layer. */
  layerFiles: 5e4,
  /** Package records read from one layer. */
  records: 1e5,
  /** File paths listed by one layer's records together (a 2 GB Debian image lists about 150,000 in all). */
  files: 5e5,
  /**
   * Records and listed paths over all the layers of a run (each costs about what an indexed entry
   * does); past it, package attribution is off for the run rather than partly wrong.
   */
  run: 1e6,
  /** Characters of a name, version or architecture; a longer one drops the record. */
  field: 256,
  /** Characters of a listed path; a longer one is skipped. */
  path: 4096
};
function field(value) {
  if (value === void 0) return null;
  const v = value.trim();
  return v === "" || v.length > PACKAGE_LIMITS.field ? null : v;
}
function dbPath(raw, base = "") {
  if (raw.length === 0 || raw.length > PACKAGE_LIMITS.path) return null;
  const out = raw.startsWith("/") || base === "" ? [] : base.split("/");
  for (const part of raw.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.length === 0 ? null : out.join("/");
}
function packageCost(records) {
  let n = 0;
  for (const r of records ?? []) n += 1 + (r.files?.length ?? 0);
  return n;
}
var MANAGERS = /* @__PURE__ */ new Set(["dpkg", "apk", "npm", "python"]);
function packageRecordsProblem(value) {
  if (value === null) return null;
  if (!Array.isArray(value)) return "not null or a list of package records";
  if (value.length > PACKAGE_LIMITS.records) return `more than ${PACKAGE_LIMITS.records} package records`;
  let listed = 0;
  for (let i = 0; i < value.length; i++) {
    const r = value[i];
    const where = `package record ${i}`;
    if (r === null || typeof r !== "object" || Array.isArray(r)) return `${where}: not an object`;
    const rec = r;
    for (const key of Object.keys(rec)) if (!RECORD_KEYS.has(key)) return `${where}: unknown field`;
    if (typeof rec.manager !== "string" || !MANAGERS.has(rec.manager)) return `${where}: manager is not dpkg, apk, npm or python`;
    if (!isField(rec.name, false)) return `${where}: bad name`;
    if (!isField(rec.version, true)) return `${where}: bad version`;
    if (rec.arch !== void 0 && !isField(rec.arch, false)) return `${where}: bad arch`;
    if (!isPath(rec.source)) return `${where}: bad source path`;
    if (rec.dir !== void 0 && !isPath(rec.dir)) return `${where}: bad dir path`;
    if (rec.files !== void 0) {
      if (!Array.isArray(rec.files)) return `${where}: files is not a list`;
      listed += rec.files.length;
      if (listed > PACKAGE_LIMITS.files) return `more than ${PACKAGE_LIMITS.files} listed package paths`;
      for (const file of rec.files) if (!isPath(file)) return `${where}: bad file path`;
    }
  }
  return null;
}
var RECORD_KEYS = /* @__PURE__ */ new Set(["manager", "name", "version", "arch", "files", "dir", "source"]);
function isField(value, emptyOk) {
  return typeof value === "string" && value.length <= PACKAGE_LIMITS.field && (emptyOk || value !== "" && field(value) === value);
}
function isPath(value) {
  return typeof value === "string" && value !== "" && value.length <= PACKAGE_LIMITS.path && dbPath(value) === value;
}

// src/layers/packages/apk.ts
function parseApkInstalled(text, source) {
  const out = [];
  let fileBudget = PACKAGE_LIMITS.files;
  let name = null;
  let version = null;
  let arch = null;
  let dir = "";
  let files = [];
  let bad = false;
  const flush = () => {
    if (!bad && name !== null && version !== null && out.length < PACKAGE_LIMITS.records)
      out.push({ manager: "apk", name, version, ...arch !== null ? { arch } : {}, files, source });
    name = version = arch = null;
    dir = "";
    files = [];
    bad = false;
  };
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") {
      flush();
      continue;
    }
    if (line.length < 2 || line[1] !== ":") continue;
    const value = line.slice(2);
    switch (line[0]) {
      case "P":
        name = field(value);
        bad ||= name === null;
        break;
      case "V":
        version = field(value);
        bad ||= version === null;
        break;
      case "A":
        arch = field(value);
        break;
      case "F":
        dir = dbPath(value) ?? "";
        break;
      case "R": {
        if (fileBudget <= 0) break;
        if (value.includes("/")) break;
        const p = dbPath(value, dir);
        if (p !== null) {
          files.push(p);
          fileBudget--;
        }
        break;
      }
    }
  }
  flush();
  return out;
}

// src/layers/packages/dpkg.ts
var MAX_FIELDS = 64;
function* deb822Stanzas(text) {
  let stanza = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const l = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (l.trim() === "") {
      if (stanza.size > 0) yield stanza;
      stanza = /* @__PURE__ */ new Map();
      continue;
    }
    if (l.startsWith(" ") || l.startsWith("	")) continue;
    const colon = l.indexOf(":");
    if (colon <= 0 || stanza.size >= MAX_FIELDS) continue;
    const key = l.slice(0, colon).toLowerCase();
    if (!stanza.has(key)) stanza.set(key, l.slice(colon + 1));
  }
  if (stanza.size > 0) yield stanza;
}
function parseDpkgStatus(text, source) {
  const out = [];
  for (const s of deb822Stanzas(text)) {
    if (out.length >= PACKAGE_LIMITS.records) break;
    const status = s.get("status");
    if (status !== void 0 && status.trim().split(/\s+/)[2] !== "installed") continue;
    const name = field(s.get("package"));
    const version = field(s.get("version"));
    if (name === null || version === null) continue;
    const arch = field(s.get("architecture"));
    out.push({ manager: "dpkg", name, version, ...arch !== null ? { arch } : {}, source });
  }
  return out;
}
function listFileOwner(path4) {
  const base = path4.slice(path4.lastIndexOf("/") + 1);
  if (!base.endsWith(".list")) return null;
  const stem = base.slice(0, -".list".length);
  const colon = stem.indexOf(":");
  const name = field(colon < 0 ? stem : stem.slice(0, colon));
  if (name === null) return null;
  return { name, arch: colon < 0 ? null : field(stem.slice(colon + 1)) };
}
function parseDpkgMd5sums(text, source, budget = PACKAGE_LIMITS.files) {
  const base = source.slice(source.lastIndexOf("/") + 1);
  if (!base.endsWith(".md5sums")) return null;
  const stem = base.slice(0, -".md5sums".length);
  const colon = stem.indexOf(":");
  const name = field(colon < 0 ? stem : stem.slice(0, colon));
  if (name === null) return null;
  const files = [];
  for (const line of text.split("\n")) {
    if (files.length >= budget) break;
    const m = /^[0-9a-fA-F]{32} [ *]?(.+?)\r?$/.exec(line);
    const p = m ? dbPath(m[1]) : null;
    if (p !== null) files.push(p);
  }
  return { manager: "dpkg", name, version: "", files, source };
}
function parseDpkgList(text, source, budget = PACKAGE_LIMITS.files) {
  const owner = listFileOwner(source);
  if (owner === null) return null;
  const files = [];
  for (const line of text.split("\n")) {
    if (files.length >= budget) break;
    const p = dbPath(line.endsWith("\r") ? line.slice(0, -1) : line);
    if (p !== null) files.push(p);
  }
  return { manager: "dpkg", name: owner.name, version: "", ...owner.arch !== null ? { arch: owner.arch } : {}, files, source };
}

// src/schema/json-input.ts
var MiB = 1024 * 1024;
var JsonCap = {
  manifest: 4 * MiB,
  index: 4 * MiB,
  config: 8 * MiB,
  snapshot: 32 * MiB,
  report: 32 * MiB
};
var MAX_LAYERS = 1e4;
var MAX_JSON_DEPTH = 64;
function parseJsonBounded(input, cap2, subject, what) {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length > cap2) throw inputError(subject, `${what} is too large (${bytes.length} bytes, limit ${cap2})`);
  const depth = maxNesting(bytes);
  if (depth > MAX_JSON_DEPTH) throw inputError(subject, `${what} nests arrays or objects more than ${MAX_JSON_DEPTH} deep`);
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw inputError(subject, `${what} is not valid JSON (${error.message.split("\n")[0]?.slice(0, 120)})`);
  }
}
function maxNesting(bytes) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 92)
        i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > MAX_JSON_DEPTH) return deepest;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

// src/layers/packages/npm.ts
function npmPackageDir(path4) {
  if (!path4.endsWith("/package.json")) return null;
  const dir = path4.slice(0, -"/package.json".length);
  const parts = dir.split("/");
  const n = parts.length;
  if (n >= 2 && parts[n - 2] === "node_modules" && isName(parts[n - 1]) && !parts[n - 1].startsWith("@")) return dir;
  if (n >= 3 && parts[n - 3] === "node_modules" && parts[n - 2].startsWith("@") && isName(parts[n - 2].slice(1)) && isName(parts[n - 1])) return dir;
  return null;
}
function isName(segment) {
  return segment !== "" && segment !== ".bin" && !segment.startsWith(".");
}
function npmOwnerDir(path4) {
  const at = path4.lastIndexOf("node_modules/");
  if (at < 0 || at > 0 && path4[at - 1] !== "/") return null;
  const rest = path4.slice(at + "node_modules/".length).split("/");
  const take = rest[0]?.startsWith("@") ? 2 : 1;
  if (rest.length <= take) return null;
  return path4.slice(0, at) + "node_modules/" + rest.slice(0, take).join("/");
}
function parseNpmPackageJson(data, source) {
  const dir = npmPackageDir(source);
  if (dir === null) return null;
  let json;
  try {
    json = parseJsonBounded(data, PACKAGE_LIMITS.fileBytes, source, "package.json");
  } catch {
    return null;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const o = json;
  const dirName = dir.slice(dir.lastIndexOf("node_modules/") + "node_modules/".length);
  const name = field(typeof o["name"] === "string" ? o["name"] : dirName);
  const version = field(typeof o["version"] === "string" ? o["version"] : void 0) ?? "";
  if (name === null) return null;
  return { manager: "npm", name, version, dir, source };
}

// src/layers/packages/python.ts
function pythonFileKind(path4) {
  const slash = path4.lastIndexOf("/");
  if (slash < 0) return null;
  const dir = path4.slice(0, slash);
  const base = path4.slice(slash + 1);
  let kind = null;
  if (dir.endsWith(".dist-info")) kind = base === "METADATA" ? "metadata" : base === "RECORD" ? "record" : null;
  else if (dir.endsWith(".egg-info") && base === "PKG-INFO") kind = "pkg-info";
  if (kind === null) return null;
  if (!dir.includes("site-packages/") && !dir.includes("dist-packages/")) return null;
  return { kind, dir };
}
function parseMetadata(text) {
  let name = null;
  let version = null;
  for (const raw of text.split("\n", 200)) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).toLowerCase();
    if (key === "name" && name === null) name = field(line.slice(colon + 1));
    else if (key === "version" && version === null) version = field(line.slice(colon + 1));
  }
  return { name, version };
}
function parseRecord(text, siteDir, budget = PACKAGE_LIMITS.files) {
  const files = [];
  for (const raw of text.split("\n")) {
    if (files.length >= budget) break;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") continue;
    let path4;
    if (line.startsWith('"')) {
      let i = 1;
      let out = "";
      for (; i < line.length; i++) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            out += '"';
            i++;
          } else break;
        } else out += line[i];
      }
      path4 = out;
    } else {
      const comma = line.indexOf(",");
      path4 = comma < 0 ? line : line.slice(0, comma);
    }
    const p = dbPath(path4, siteDir);
    if (p !== null) files.push(p);
  }
  return files;
}
function nameFromDir(dir) {
  const base = dir.slice(dir.lastIndexOf("/") + 1).replace(/\.(dist|egg)-info$/, "");
  const dash = base.indexOf("-");
  if (dash <= 0) return { name: field(base), version: null };
  const rest = base.slice(dash + 1);
  const version = rest.split("-")[0];
  return { name: field(base.slice(0, dash)), version: field(version) };
}
function pythonRecord(dir, files) {
  const meta = files.metadata ?? files["pkg-info"];
  const fromMeta = meta !== void 0 ? parseMetadata(meta) : { name: null, version: null };
  const fromDir = nameFromDir(dir);
  const name = fromMeta.name ?? fromDir.name;
  const version = fromMeta.version ?? fromDir.version ?? "";
  if (name === null) return null;
  const siteDir = dir.slice(0, Math.max(0, dir.lastIndexOf("/")));
  const record = {
    manager: "python",
    name,
    version,
    dir,
    source: `${dir}/${files.metadata !== void 0 ? "METADATA" : files["pkg-info"] !== void 0 ? "PKG-INFO" : "RECORD"}`
  };
  if (files.record !== void 0) record.files = parseRecord(files.record, siteDir);
  return record;
}

// src/layers/packages/capture.ts
var DPKG_STATUS = "var/lib/dpkg/status";
var DPKG_STATUS_D = "var/lib/dpkg/status.d/";
var DPKG_INFO = "var/lib/dpkg/info/";
var APK_INSTALLED = "lib/apk/db/installed";
function isPackageDatabase(path4) {
  const last = path4.charCodeAt(path4.length - 1);
  if (path4.startsWith("var/lib/dpkg/")) {
    if (path4 === DPKG_STATUS) return true;
    if (path4.startsWith(DPKG_STATUS_D)) return path4.indexOf("/", DPKG_STATUS_D.length) < 0 && path4.length > DPKG_STATUS_D.length;
    return path4.startsWith(DPKG_INFO) && path4.endsWith(".list") && path4.indexOf("/", DPKG_INFO.length) < 0;
  }
  if (last === 110) return npmPackageDir(path4) !== null;
  if (last === 100) return path4 === APK_INSTALLED;
  if (last === 65 || last === 68 || last === 79) return pythonFileKind(path4) !== null;
  return false;
}
var PackageCapture = class {
  files = [];
  bytes = 0;
  current = null;
  /** Database files seen but not kept (over a cap). */
  skipped = 0;
  /** Called per tar entry: true when the entry's bytes should be handed to `data`. */
  wants(path4, isFile, size2) {
    this.current = null;
    if (!isFile || !isPackageDatabase(path4)) return false;
    if (size2 > PACKAGE_LIMITS.fileBytes || this.bytes + size2 > PACKAGE_LIMITS.layerBytes || this.files.length >= PACKAGE_LIMITS.layerFiles) {
      this.skipped++;
      return false;
    }
    this.bytes += size2;
    this.current = { path: path4, pieces: [], size: 0 };
    return true;
  }
  /** A piece of the wanted entry's body; copied (the reader reuses its buffers). */
  data(piece) {
    const c = this.current;
    if (c === null || c.size + piece.length > PACKAGE_LIMITS.fileBytes) return;
    c.pieces.push(Buffer.from(piece));
    c.size += piece.length;
  }
  dataEnd() {
    const c = this.current;
    this.current = null;
    if (c !== null) this.files.push({ path: c.path, data: c.pieces.length === 1 ? c.pieces[0] : Buffer.concat(c.pieces) });
  }
  /** The records of every captured file (null when the layer carries no database), bounded. */
  records() {
    if (this.files.length === 0) return null;
    const out = recordsOf(this.files);
    this.files.length = 0;
    return out;
  }
};
function recordsOf(files) {
  const last = /* @__PURE__ */ new Map();
  for (const f of files) last.set(f.path, f.data);
  const out = [];
  let fileBudget = PACKAGE_LIMITS.files;
  const push = (r) => {
    if (r === null || out.length >= PACKAGE_LIMITS.records) return;
    if (r.files) {
      if (r.files.length > fileBudget) r.files = r.files.slice(0, fileBudget);
      fileBudget -= r.files.length;
    }
    out.push(r);
  };
  const python = /* @__PURE__ */ new Map();
  for (const [path4, data] of last) {
    const text = () => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
    if (path4.startsWith(DPKG_STATUS_D) && path4.endsWith(".md5sums")) push(parseDpkgMd5sums(text(), path4, fileBudget));
    else if (path4 === DPKG_STATUS || path4.startsWith(DPKG_STATUS_D)) for (const r of parseDpkgStatus(text(), path4)) push(r);
    else if (path4.startsWith(DPKG_INFO)) push(parseDpkgList(text(), path4, fileBudget));
    else if (path4 === APK_INSTALLED) for (const r of parseApkInstalled(text(), path4)) push(r);
    else if (path4.endsWith("/package.json")) push(parseNpmPackageJson(data, path4));
    else {
      const py = pythonFileKind(path4);
      if (py === null) continue;
      const entry = python.get(py.dir) ?? {};
      entry[py.kind] = text();
      python.set(py.dir, entry);
    }
  }
  for (const [dir, files2] of python) push(pythonRecord(dir, files2));
  return out;
}

// src/layers/layer-index.ts
var EntryKind = TarKind;
var MAX_DEEP_ENTRIES = envCount("LAYERDIFF_MAX_ENTRIES") ?? 75e4;
function envCount(name) {
  const raw = process.env[name];
  const n = raw ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : void 0;
}
var EntryLimitError = class extends Error {
  constructor(limit) {
    super(`more than ${limit} entries; refusing (memory budget of a deep scan; LAYERDIFF_MAX_ENTRIES raises it)`);
  }
};
function emptyLayerIndex() {
  return new LayerIndexBuilder(false).finish({ tarBytes: 0, storedBytes: 0, compression: "none" });
}
var LayerIndexBuilder = class {
  constructor(fingerprint, maxEntries = MAX_DEEP_ENTRIES) {
    this.fingerprint = fingerprint;
    this.maxEntries = maxEntries;
    this.crcs = fingerprint ? new Int32Array(0) : null;
    this.grow(1024);
  }
  fingerprint;
  maxEntries;
  capacity = 0;
  count = 0;
  contentBytes = 0;
  paths = [];
  kinds = new Uint8Array(0);
  sizes = new Float64Array(0);
  modes = new Uint32Array(0);
  uids = new Uint32Array(0);
  gids = new Uint32Array(0);
  crcs;
  links = /* @__PURE__ */ new Map();
  /** Package database files met during the scan (their content, bounded). */
  packages = new PackageCapture();
  grow(capacity) {
    this.capacity = capacity;
    this.kinds = resize(this.kinds, capacity, Uint8Array);
    this.sizes = resize(this.sizes, capacity, Float64Array);
    this.modes = resize(this.modes, capacity, Uint32Array);
    this.uids = resize(this.uids, capacity, Uint32Array);
    this.gids = resize(this.gids, capacity, Uint32Array);
    if (this.crcs) this.crcs = resize(this.crcs, capacity, Int32Array);
  }
  /** Appends an entry and returns its position. */
  add(path4, kind, size2, mode, uid, gid, link2) {
    if (this.count === this.capacity) {
      if (this.count >= this.maxEntries) throw new EntryLimitError(this.maxEntries);
      this.grow(Math.min(this.capacity * 2, this.maxEntries));
    }
    const i = this.count++;
    this.paths.push(path4);
    this.kinds[i] = kind;
    this.sizes[i] = size2;
    this.modes[i] = mode & 4095;
    this.uids[i] = clampU32(uid);
    this.gids[i] = clampU32(gid);
    if (link2 !== null) this.links.set(i, link2);
    if (kind === EntryKind.file) this.contentBytes += size2;
    return i;
  }
  setCrc(i, crc) {
    if (this.crcs) this.crcs[i] = crc | 0;
  }
  finish(extra) {
    const n = this.count;
    return {
      count: n,
      paths: this.paths,
      kinds: this.kinds.slice(0, n),
      sizes: this.sizes.slice(0, n),
      modes: this.modes.slice(0, n),
      uids: this.uids.slice(0, n),
      gids: this.gids.slice(0, n),
      crcs: this.crcs ? this.crcs.slice(0, n) : null,
      links: this.links,
      contentBytes: this.contentBytes,
      ...extra,
      packages: this.packages.records()
    };
  }
};
function resize(old, capacity, ctor) {
  const next = new ctor(capacity);
  next.set(old.subarray(0, Math.min(old.length, capacity)));
  return next;
}
function clampU32(n) {
  return n >= 0 && n <= 4294967295 ? n : 4294967295;
}
function normalizeEntryPath(raw) {
  if (isClean(raw)) return raw;
  const out = [];
  for (const part of raw.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}
function isClean(p) {
  const n = p.length;
  if (n === 0) return true;
  if (p.charCodeAt(n - 1) === 47) return false;
  let segmentStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && p.charCodeAt(i) !== 47) continue;
    const len = i - segmentStart;
    if (len === 0) return false;
    if (p.charCodeAt(segmentStart) === 46 && (len === 1 || len === 2 && p.charCodeAt(segmentStart + 1) === 46)) return false;
    segmentStart = i + 1;
  }
  return true;
}
var WHITEOUT_PREFIX = ".wh.";
var OPAQUE_MARKER = ".wh..wh..opq";

// src/layers/layer-files.ts
function layerFilesOf(indexes) {
  const built = /* @__PURE__ */ new Map();
  return (layer) => {
    const known = built.get(layer.diffId);
    if (known) return known;
    const index = indexes.get(layer.diffId);
    if (!index) return void 0;
    const paths = /* @__PURE__ */ new Set();
    for (let k = 0; k < index.count; k++) if (index.kinds[k] !== EntryKind.dir) paths.add(index.paths[k]);
    built.set(layer.diffId, paths);
    return paths;
  };
}

// src/layers/compression.ts
import zlib2 from "node:zlib";

// src/layers/zstd-frames.ts
import { Transform } from "node:stream";
import zlib from "node:zlib";
var ZSTD_MAGIC = 4247762216;
var SKIPPABLE_MASK = 4294967280;
var SKIPPABLE_MAGIC = 407710288;
var MAX_BLOCK = 128 * 1024;
var SMALL_FRAME = 64 * 1024;
var SMALL_FRAME_OUTPUT = 4 * 1024 * 1024;
var ZstdFrameError = class extends Error {
  code = "Z_DATA_ERROR";
};
var ZstdFrameReader = class {
  state = "magic";
  /** Bytes of the field being collected (magic, block header, skippable size). */
  field = Buffer.alloc(4);
  fieldLength = 0;
  /** Bytes still to skip in the current 'header', 'block', 'checksum' or 'skippable' state. */
  remaining = 0;
  lastBlock = false;
  hasChecksum = false;
  /** Bytes read so far, for error messages. */
  offset = 0;
  /** Frames seen (zstd and skippable). */
  frames = 0;
  /** True between frames: the stream may end here. */
  get atBoundary() {
    return this.state === "magic" && this.fieldLength === 0;
  }
  read(chunk) {
    const events = [];
    let segment = this.inZstdFrame() ? 0 : -1;
    let i = 0;
    const flush = (end) => {
      if (segment >= 0 && end > segment) events.push({ kind: "data", bytes: chunk.subarray(segment, end) });
      segment = -1;
    };
    while (i < chunk.length) {
      switch (this.state) {
        case "magic": {
          const from = i;
          const straddles = this.fieldLength > 0;
          i = this.collect(chunk, i, 4);
          if (this.fieldLength < 4) break;
          const magic = this.field.readUInt32LE(0);
          const at = this.offset + i - 4;
          this.fieldLength = 0;
          if (magic === ZSTD_MAGIC) {
            events.push({ kind: "start" });
            this.frames++;
            if (!straddles) segment = from;
            else {
              events.push({ kind: "data", bytes: Buffer.from(this.field) });
              segment = i;
            }
            this.state = "descriptor";
          } else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
            this.frames++;
            this.state = "skippable-size";
          } else {
            throw new ZstdFrameError(`not a zstd frame at byte ${at} (magic 0x${magic.toString(16).padStart(8, "0")})`);
          }
          break;
        }
        case "descriptor": {
          const descriptor2 = chunk[i++];
          const contentSizeFlag = descriptor2 >> 6;
          const singleSegment = descriptor2 >> 5 & 1;
          this.hasChecksum = (descriptor2 >> 2 & 1) === 1;
          const windowBytes = singleSegment ? 0 : 1;
          const dictionaryBytes = [0, 1, 2, 4][descriptor2 & 3];
          const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : [0, 2, 4, 8][contentSizeFlag];
          this.remaining = windowBytes + dictionaryBytes + contentSizeBytes;
          this.state = this.remaining > 0 ? "header" : "block-header";
          break;
        }
        case "header":
        case "block":
        case "checksum":
        case "skippable": {
          const take = Math.min(this.remaining, chunk.length - i);
          i += take;
          this.remaining -= take;
          if (this.remaining > 0) break;
          if (this.state === "header") this.state = "block-header";
          else if (this.state === "block") this.afterBlock();
          else this.state = "magic";
          if (this.state === "magic" && segment >= 0) {
            flush(i);
            events.push({ kind: "end" });
          }
          break;
        }
        case "block-header": {
          i = this.collect(chunk, i, 3);
          if (this.fieldLength < 3) break;
          this.fieldLength = 0;
          const header = this.field.readUIntLE(0, 3);
          this.lastBlock = (header & 1) === 1;
          const type = header >> 1 & 3;
          const size2 = header >>> 3;
          if (type === 3) throw new ZstdFrameError(`reserved block type at byte ${this.offset + i - 3}`);
          if (size2 > MAX_BLOCK) throw new ZstdFrameError(`block of ${size2} bytes at byte ${this.offset + i - 3} (the limit is ${MAX_BLOCK})`);
          this.remaining = type === 1 ? 1 : size2;
          if (this.remaining > 0) this.state = "block";
          else {
            this.afterBlock();
            if (this.state === "magic") {
              flush(i);
              events.push({ kind: "end" });
            }
          }
          break;
        }
        case "skippable-size": {
          i = this.collect(chunk, i, 4);
          if (this.fieldLength < 4) break;
          this.fieldLength = 0;
          this.remaining = this.field.readUInt32LE(0);
          this.state = this.remaining > 0 ? "skippable" : "magic";
          break;
        }
      }
    }
    flush(chunk.length);
    this.offset += chunk.length;
    return events;
  }
  inZstdFrame() {
    return this.state !== "magic" && this.state !== "skippable-size" && this.state !== "skippable";
  }
  afterBlock() {
    if (!this.lastBlock) this.state = "block-header";
    else if (this.hasChecksum) {
      this.state = "checksum";
      this.remaining = 4;
    } else this.state = "magic";
  }
  /** Copies bytes of a field of `size` bytes from `chunk` at `i`; returns the next index. */
  collect(chunk, i, size2) {
    const take = Math.min(size2 - this.fieldLength, chunk.length - i);
    chunk.copy(this.field, this.fieldLength, i, i + take);
    this.fieldLength += take;
    return i + take;
  }
};
var ZstdFramesDecompress = class extends Transform {
  constructor(factory, chunkSize) {
    super({ readableHighWaterMark: chunkSize });
    this.factory = factory;
    this.chunkSize = chunkSize;
  }
  factory;
  chunkSize;
  reader = new ZstdFrameReader();
  inner = null;
  /** Rejects when the current frame's decompressor fails. */
  innerFailed = null;
  innerPaused = false;
  /** The current frame's bytes while it is still small enough to decode in one call, else null. */
  small = null;
  smallBytes = 0;
  /** Resolves the wait of a synchronously decoded frame's output for the reader. */
  wakeWriter = null;
  _transform(chunk, _encoding, done) {
    this.consume(chunk).then(() => done(), done);
  }
  _flush(done) {
    this.finish().then(() => done(), done);
  }
  _read(size2) {
    if (this.innerPaused && this.inner) {
      this.innerPaused = false;
      this.inner.resume();
    }
    this.wake();
    super._read(size2);
  }
  _destroy(error, done) {
    this.inner?.destroy();
    this.inner = null;
    this.small = null;
    this.wake();
    done(error);
  }
  async consume(chunk) {
    const heldBefore = this.small?.length ?? 0;
    for (const event of this.reader.read(chunk)) {
      if (this.destroyed) return;
      if (event.kind === "start") {
        this.small = [];
        this.smallBytes = 0;
      } else if (event.kind === "data") await this.frameData(event.bytes);
      else if (this.small) await this.decodeSmall();
      else await this.endFrame();
    }
    if (this.small) for (let i = heldBefore; i < this.small.length; i++) this.small[i] = Buffer.from(this.small[i]);
  }
  async frameData(bytes) {
    if (this.small) {
      if (this.smallBytes + bytes.length <= SMALL_FRAME) {
        this.small.push(bytes);
        this.smallBytes += bytes.length;
        return;
      }
      const held = Buffer.concat(this.small);
      this.small = null;
      this.openFrame();
      if (held.length > 0) await this.writeFrame(held);
    }
    await this.writeFrame(bytes);
  }
  /** Decodes the held small frame in one call and pushes its output as the reader takes it. */
  async decodeSmall() {
    const frame = this.small.length === 1 ? this.small[0] : Buffer.concat(this.small);
    this.small = null;
    let out;
    try {
      out = zlib.zstdDecompressSync(frame, { maxOutputLength: SMALL_FRAME_OUTPUT });
    } catch (error) {
      if (error.code !== "ERR_BUFFER_TOO_LARGE") throw error;
      this.openFrame();
      await this.writeFrame(frame);
      await this.endFrame();
      return;
    }
    for (let o = 0; o < out.length && !this.destroyed; o += this.chunkSize) {
      if (!this.push(out.subarray(o, o + this.chunkSize))) {
        await new Promise((resolve) => {
          this.wakeWriter = resolve;
        });
      }
    }
  }
  wake() {
    const wake = this.wakeWriter;
    this.wakeWriter = null;
    wake?.();
  }
  async finish() {
    if (this.small) await this.decodeSmall();
    else if (this.inner) await this.endFrame();
    if (!this.reader.atBoundary || this.reader.frames === 0) {
      throw Object.assign(new Error("unexpected end of file"), { code: "Z_BUF_ERROR" });
    }
  }
  openFrame() {
    const inner = this.factory({ chunkSize: this.chunkSize });
    this.inner = inner;
    this.innerPaused = false;
    this.innerFailed = new Promise((_resolve, reject) => inner.once("error", reject));
    this.innerFailed.catch(() => void 0);
    inner.on("data", (out) => {
      if (!this.push(out)) {
        this.innerPaused = true;
        inner.pause();
      }
    });
  }
  async writeFrame(bytes) {
    const inner = this.inner;
    if (!inner) return;
    const written = new Promise((resolve, reject) => inner.write(bytes, (error) => error ? reject(error) : resolve()));
    written.catch(() => void 0);
    await Promise.race([written, this.innerFailed]);
  }
  /** Ends the current frame's decompressor and waits until all its output is pushed. */
  async endFrame() {
    const inner = this.inner;
    if (!inner) return;
    const ended = new Promise((resolve) => inner.once("end", resolve));
    inner.end();
    await Promise.race([ended, this.innerFailed]);
    this.inner = null;
  }
};
function createZstdFramesDecompress(factory, chunkSize) {
  return new ZstdFramesDecompress(factory, chunkSize);
}

// src/layers/compression.ts
var MAGIC_BYTES = 4;
function sniffCompression(head) {
  if (head.length >= 2 && head[0] === 31 && head[1] === 139) return "gzip";
  if (head.length >= 4 && head[0] === 40 && head[1] === 181 && head[2] === 47 && head[3] === 253) return "zstd";
  return "none";
}
function compressionFromMediaType(mediaType2) {
  if (!mediaType2) return null;
  if (mediaType2.endsWith("+gzip") || mediaType2.endsWith(".gzip")) return "gzip";
  if (mediaType2.endsWith("+zstd") || mediaType2.endsWith(".zstd")) return "zstd";
  if (mediaType2.endsWith(".tar") || mediaType2.endsWith(".tar.diff")) return "none";
  return null;
}
var zstdAvailable = typeof zlib2.createZstdDecompress === "function";
function createDecompressor(compression) {
  const chunk = 256 * 1024;
  switch (compression) {
    case "gzip":
      return zlib2.createGunzip({ chunkSize: chunk });
    case "zstd": {
      if (!zstdAvailable) {
        throw new Error(`zstd layers need Node.js 22.15 or newer (this is ${process.version})`);
      }
      const factory = zlib2.createZstdDecompress;
      return createZstdFramesDecompress(factory, chunk);
    }
    case "none":
      return null;
  }
}

// src/layers/dive-compat.ts
var EMPTY = { size: 0, isDir: false };
var DOUBLE_WHITEOUT = ".wh..wh..";
function newNode(name, parent, payload) {
  return { name, parent, children: /* @__PURE__ */ new Map(), payload, sorted: null };
}
function addPath(root, path4, payload) {
  const names = path4.split("/");
  let node = root;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name === "") continue;
    let child = node.children.get(name);
    if (!child) {
      if (name.startsWith(DOUBLE_WHITEOUT)) return;
      child = newNode(name, node, EMPTY);
      node.children.set(name, child);
      node.sorted = null;
    }
    node = child;
    if (i === names.length - 1) node.payload = payload;
  }
}
function getNode(root, path4) {
  let node = root;
  for (const name of path4.split("/")) {
    if (name === "") continue;
    const child = node.children.get(name);
    if (!child) return null;
    node = child;
  }
  return node;
}
function nodePath(node) {
  const parts = [];
  for (let n = node; n && n.parent; n = n.parent)
    parts.push(n === node && n.name.startsWith(WHITEOUT_PREFIX) ? n.name.slice(WHITEOUT_PREFIX.length) : n.name);
  return "/" + parts.reverse().join("/");
}
function sortedChildren(node) {
  if (!node.sorted) node.sorted = [...node.children.values()].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return node.sorted;
}
function visitChildFirst(start, root, visit2, onlyLeaves) {
  const pending = [{ node: start, children: sortedChildren(start), next: 0 }];
  while (pending.length > 0) {
    const top = pending[pending.length - 1];
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      pending.push({ node: child, children: sortedChildren(child), next: 0 });
      continue;
    }
    pending.pop();
    const node = top.node;
    if (node === root) continue;
    if (onlyLeaves && node.children.size > 0) continue;
    if (!visit2(node)) return false;
  }
  return true;
}
function copyTree(root) {
  const copy = newNode(root.name, null, root.payload);
  const pending = [[root, copy]];
  while (pending.length > 0) {
    const [from, to] = pending.pop();
    for (const [name, child] of from.children) {
      const childCopy = newNode(child.name, to, child.payload);
      to.children.set(name, childCopy);
      pending.push([child, childCopy]);
    }
  }
  return copy;
}
function stack(lower, upperRoot) {
  visitChildFirst(
    upperRoot,
    upperRoot,
    (node) => {
      const path4 = nodePath(node);
      if (node.name.startsWith(WHITEOUT_PREFIX)) {
        const target = getNode(lower, path4);
        if (target && target.parent) {
          target.parent.children.delete(target.name);
          target.parent.sorted = null;
        }
      } else {
        addPath(lower, path4, node.payload);
      }
      return true;
    },
    false
  );
}
function layerTree(index) {
  const root = newNode("", null, EMPTY);
  let size2 = 0;
  for (let i = 0; i < index.count; i++) {
    size2 += index.sizes[i];
    const path4 = index.paths[i];
    if (path4 === "") continue;
    addPath(root, path4, { size: index.sizes[i], isDir: index.kinds[i] === EntryKind.dir });
  }
  return { root, size: size2 };
}
function diveFigures(layers) {
  const trees = layers.map(layerTree);
  const records = /* @__PURE__ */ new Map();
  let lowerStack = null;
  for (let li = 0; li < trees.length; li++) {
    const tree = trees[li];
    if (li === 0) lowerStack = copyTree(trees[0].root);
    else stack(lowerStack, trees[li - 1].root);
    const lower = lowerStack;
    visitChildFirst(
      tree.root,
      tree.root,
      (node) => {
        const path4 = nodePath(node);
        let record = records.get(path4);
        if (!record) records.set(path4, record = { cumulative: 0, min: -1, count: 0 });
        let size2 = 0;
        if (node.name.startsWith(WHITEOUT_PREFIX)) {
          const previous = getNode(lower, path4);
          if (!previous) return false;
          if (previous.payload.isDir) {
            visitChildFirst(
              previous,
              lower,
              (n) => {
                size2 += n.payload.size;
                return true;
              },
              false
            );
          }
        } else {
          size2 = node.payload.size;
        }
        record.cumulative += size2;
        if (record.min < 0 || size2 < record.min) record.min = size2;
        record.count++;
        return true;
      },
      true
    );
  }
  let minimum = 0;
  let discovered = 0;
  let wasted = 0;
  for (const r of records.values()) {
    minimum += r.min;
    discovered += r.cumulative;
    if (r.count >= 2) wasted += r.cumulative;
  }
  const sizeBytes = trees.reduce((sum2, t) => sum2 + t.size, 0);
  const userSize = sizeBytes - (trees[0]?.size ?? 0);
  return {
    efficiency: discovered === 0 ? 1 : minimum / discovered,
    wastedBytes: wasted,
    userWastedPercent: userSize > 0 ? wasted / userSize : 0,
    sizeBytes
  };
}

// src/layers/file-diff.ts
function lastEntries(index) {
  const map = /* @__PURE__ */ new Map();
  for (let i = 0; i < index.count; i++) {
    const p = index.paths[i];
    if (p === "" || p.startsWith(WHITEOUT_PREFIX, p.lastIndexOf("/") + 1)) continue;
    map.set(p, i);
  }
  return map;
}
function diffLayers(base, head, deletions = [], existsBelow = () => false) {
  const headMap = lastEntries(head);
  const baseMap = base ? lastEntries(base) : /* @__PURE__ */ new Map();
  const changes = [...deletions];
  for (const [path4, hi] of headMap) {
    const bi = baseMap.get(path4);
    if (bi === void 0 && head.kinds[hi] === EntryKind.dir && existsBelow(path4)) continue;
    const change = classify(path4, base, bi ?? -1, head, hi);
    if (change) changes.push(change);
  }
  if (base) {
    for (const [path4, bi] of baseMap) {
      if (headMap.has(path4) || base.kinds[bi] === EntryKind.dir && existsBelow(path4)) continue;
      changes.push(classify(path4, base, bi, null, -1));
    }
  }
  return summarize(changes);
}
function directoriesBelow(layers) {
  const lowest = /* @__PURE__ */ new Map();
  layers.forEach((index, position) => {
    if (!index) return;
    for (let i = 0; i < index.count; i++) {
      const p = index.paths[i];
      if (index.kinds[i] === EntryKind.dir && !lowest.has(p)) lowest.set(p, position);
    }
  });
  return (position) => (directory) => {
    const at = lowest.get(directory);
    return at !== void 0 && at < position;
  };
}
function diffFilesystems(base, baseLayers, head, headLayers) {
  const changes = [];
  for (const [path4, h] of head) {
    const b = base.get(path4);
    const headLayer = headLayers[h.layer];
    if (!b) {
      changes.push(classify(path4, null, -1, headLayer, h.entry));
      continue;
    }
    const baseLayer = baseLayers[b.layer];
    if (baseLayer === headLayer && b.entry === h.entry) continue;
    const change = classify(path4, baseLayer, b.entry, headLayer, h.entry);
    if (change) changes.push(change);
  }
  for (const [path4, b] of base) if (!head.has(path4)) changes.push(classify(path4, baseLayers[b.layer], b.entry, null, -1));
  return summarize(changes);
}
function contentBytes(index, i) {
  return index.kinds[i] === EntryKind.file ? index.sizes[i] : 0;
}
function classify(path4, base, bi, head, hi) {
  const shown = "/" + path4;
  if (!base || bi < 0) {
    const headSize2 = contentBytes(head, hi);
    return { path: shown, change: "added", baseSize: null, headSize: headSize2, delta: headSize2 };
  }
  if (!head || hi < 0) {
    const baseSize2 = contentBytes(base, bi);
    return { path: shown, change: "removed", baseSize: baseSize2, headSize: null, delta: -baseSize2 };
  }
  const baseSize = contentBytes(base, bi);
  const headSize = contentBytes(head, hi);
  if (headSize !== baseSize) return { path: shown, change: headSize > baseSize ? "grown" : "shrunk", baseSize, headSize, delta: headSize - baseSize };
  if (sameEntry(base, bi, head, hi)) return null;
  return { path: shown, change: "modified", baseSize, headSize, delta: 0 };
}
function sameEntry(a, ai, b, bi) {
  const kind = a.kinds[ai];
  if (kind !== b.kinds[bi]) return false;
  if (a.modes[ai] !== b.modes[bi] || a.uids[ai] !== b.uids[bi] || a.gids[ai] !== b.gids[bi]) return false;
  if (kind === EntryKind.symlink || kind === EntryKind.hardlink) return a.links.get(ai) === b.links.get(bi);
  if (kind === EntryKind.file && a.crcs && b.crcs) return a.crcs[ai] === b.crcs[bi];
  return true;
}
function summarize(changes) {
  changes.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  const result = { added: 0, removed: 0, grown: 0, shrunk: 0, modified: 0, changes };
  for (const c of changes) result[c.change]++;
  return result;
}
function deletionsByLayer(flat) {
  const byLayer = /* @__PURE__ */ new Map();
  for (const h of flat.hidden) {
    if (h.how !== "deleted" && h.how !== "opaque") continue;
    const path4 = h.how === "opaque" ? `/${h.at}/*` : `/${h.at}`;
    let paths = byLayer.get(h.byLayer);
    if (!paths) byLayer.set(h.byLayer, paths = /* @__PURE__ */ new Map());
    paths.set(path4, (paths.get(path4) ?? 0) + h.bytes);
  }
  const result = /* @__PURE__ */ new Map();
  for (const [layer, paths] of byLayer) {
    result.set(
      layer,
      [...paths].map(([path4, bytes]) => ({ path: path4, change: "removed", baseSize: bytes, headSize: null, delta: -bytes }))
    );
  }
  return result;
}

// src/layers/flatten.ts
function flatten(layers) {
  const root = { layer: -1, entry: -1, children: /* @__PURE__ */ new Map() };
  const hidden = [];
  let shippedBytes = 0;
  const hideSubtree = (node, at, byLayer, how) => {
    const stack2 = [node];
    while (stack2.length > 0) {
      const n = stack2.pop();
      if (n.layer >= 0) hideCopy(n, at, byLayer, how, null);
      if (n.children) for (const child of n.children.values()) stack2.push(child);
    }
  };
  const hideCopy = (n, at, byLayer, how, sameContent) => {
    const layer = layers[n.layer];
    if (layer.kinds[n.entry] !== EntryKind.file) return;
    hidden.push({ at, layer: n.layer, entry: n.entry, bytes: layer.sizes[n.entry], byLayer, how, sameContent });
  };
  for (let li = 0; li < layers.length; li++) {
    const layer = layers[li];
    shippedBytes += layer.contentBytes;
    const { paths, kinds } = layer;
    for (let i = 0; i < layer.count; i++) {
      const p = paths[i];
      const slash = p.lastIndexOf("/");
      if (!p.startsWith(WHITEOUT_PREFIX, slash + 1)) continue;
      const dir = slash < 0 ? "" : p.slice(0, slash);
      const name = p.slice(slash + 1);
      if (name === OPAQUE_MARKER) {
        const node2 = lookup(root, dir);
        if (node2?.children && node2.children.size > 0) {
          for (const child of node2.children.values()) hideSubtree(child, dir, li, "opaque");
          node2.children.clear();
        }
        continue;
      }
      const target = name.slice(WHITEOUT_PREFIX.length);
      const parent = lookup(root, dir);
      const node = parent?.children?.get(target);
      if (node) {
        parent.children.delete(target);
        hideSubtree(node, dir === "" ? target : `${dir}/${target}`, li, "deleted");
      }
    }
    let lastDir = null;
    let lastParent = root;
    for (let i = 0; i < layer.count; i++) {
      const p = paths[i];
      if (p === "") continue;
      const slash = p.lastIndexOf("/");
      if (p.startsWith(WHITEOUT_PREFIX, slash + 1)) continue;
      let parent;
      if (lastDir !== null && slash === lastDir.length && p.startsWith(lastDir)) {
        parent = lastParent;
      } else {
        lastDir = slash < 0 ? "" : p.slice(0, slash);
        parent = ensureDir(root, lastDir, (n, at) => hideCopy(n, at, li, "replaced", null));
        lastParent = parent;
      }
      const name = slash < 0 ? p : p.slice(slash + 1);
      const isDir = kinds[i] === EntryKind.dir;
      const existing = parent.children.get(name);
      if (!existing) {
        parent.children.set(name, { layer: li, entry: i, children: isDir ? /* @__PURE__ */ new Map() : null });
        continue;
      }
      if (existing.children && isDir) {
        existing.layer = li;
        existing.entry = i;
        continue;
      }
      if (existing.children) {
        hideSubtree(existing, p, li, "replaced");
        existing.children = null;
        lastDir = null;
      } else if (existing.layer >= 0) {
        hideCopy(existing, p, li, "overwritten", kinds[i] === EntryKind.file ? sameCopy(layers[existing.layer], existing.entry, layer, i) : null);
      }
      existing.layer = li;
      existing.entry = i;
      if (isDir) {
        existing.children = /* @__PURE__ */ new Map();
        lastDir = null;
      }
    }
  }
  const visible2 = /* @__PURE__ */ new Map();
  const pending = [
    { node: root, prefix: "", children: root.children.entries() }
  ];
  while (pending.length > 0) {
    const top = pending[pending.length - 1];
    const next = top.children.next();
    if (next.done) {
      top.node.children = null;
      pending.pop();
      continue;
    }
    const [name, child] = next.value;
    const p = child.layer >= 0 ? layers[child.layer].paths[child.entry] : top.prefix === "" ? name : `${top.prefix}/${name}`;
    if (child.layer >= 0) visible2.set(p, child);
    if (child.children) pending.push({ node: child, prefix: p, children: child.children.entries() });
  }
  const linked = /* @__PURE__ */ new Set();
  for (const ref of visible2.values()) {
    const layer = layers[ref.layer];
    if (layer.kinds[ref.entry] === EntryKind.hardlink) linked.add(`${ref.layer}\0${layer.links.get(ref.entry) ?? ""}`);
  }
  const reachable = linked.size === 0 ? hidden : hidden.filter((h) => !linked.has(`${h.layer}\0${layers[h.layer].paths[h.entry]}`));
  return { visible: visible2, hidden: reachable, shippedBytes };
}
function lookup(root, dir) {
  if (dir === "") return root;
  let node = root;
  for (const part of dir.split("/")) {
    node = node.children?.get(part);
    if (!node) return void 0;
  }
  return node;
}
function ensureDir(root, dir, onReplace) {
  if (dir === "") return root;
  let node = root;
  let start = 0;
  for (; ; ) {
    const slash = dir.indexOf("/", start);
    const part = slash < 0 ? dir.slice(start) : dir.slice(start, slash);
    let child = node.children.get(part);
    if (!child) {
      child = { layer: -1, entry: -1, children: /* @__PURE__ */ new Map() };
      node.children.set(part, child);
    } else if (!child.children) {
      if (child.layer >= 0) onReplace(child, slash < 0 ? dir : dir.slice(0, slash));
      child.layer = -1;
      child.entry = -1;
      child.children = /* @__PURE__ */ new Map();
    }
    node = child;
    if (slash < 0) return node;
    start = slash + 1;
  }
}
function sameCopy(a, ai, b, bi) {
  if (a.kinds[ai] !== EntryKind.file || b.kinds[bi] !== EntryKind.file) return false;
  if (a.sizes[ai] !== b.sizes[bi]) return false;
  if (a.crcs && b.crcs) return a.crcs[ai] === b.crcs[bi];
  return true;
}
function wasteFigures(flat) {
  const rows = /* @__PURE__ */ new Map();
  let wasted = 0;
  for (const h of flat.hidden) {
    if (h.bytes <= 0) continue;
    wasted += h.bytes;
    let row2 = rows.get(h.at);
    if (!row2) rows.set(h.at, row2 = { bytes: 0, layers: /* @__PURE__ */ new Set() });
    row2.bytes += h.bytes;
    row2.layers.add(h.layer);
    row2.layers.add(h.byLayer);
  }
  const paths = [...rows].map(([path4, row2]) => ({ path: "/" + path4, wastedBytes: row2.bytes, layers: [...row2.layers].sort((a, b) => a - b) }));
  paths.sort((a, b) => b.wastedBytes - a.wastedBytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { wastedBytes: wasted, efficiency: flat.shippedBytes > 0 ? 1 - wasted / flat.shippedBytes : 1, paths };
}

// src/layers/hints.ts
var HINT_THRESHOLDS = {
  /** Package-manager cache bytes one layer must ship. */
  cacheBytes: 1024 * 1024,
  /** Compiler / SDK bytes visible in the final image. */
  toolchainBytes: 16 * 1024 * 1024,
  /** `.git` bytes one layer must ship. */
  gitBytes: 8 * 1024,
  /** Dev-only node modules visible in the final image. */
  devDependencyBytes: 1024 * 1024,
  /** Local junk (tests, logs, editor files) one COPY/ADD layer must ship. */
  localFilesBytes: 64 * 1024,
  /** Bytes one layer re-adds unchanged from lower layers. */
  duplicateBytes: 1024 * 1024,
  /** Rebuilt layers after the first invalidated one, and their bytes. */
  orderFollowingLayers: 3,
  orderBytes: 1024 * 1024
};
var CACHE_RULES = [
  { id: "apt-lists", match: /^var\/lib\/apt\/lists\/(?!lock$)/ },
  { id: "apt-cache", match: /^var\/cache\/apt\// },
  { id: "apk-cache", match: /^(var\/cache\/apk|etc\/apk\/cache)\// },
  { id: "pip-cache", match: /^(root|home\/[^/]+)\/\.cache\/pip\// },
  { id: "npm-cache", match: /^(root|home\/[^/]+)\/\.npm\// },
  { id: "yarn-cache", match: /^((root|home\/[^/]+)\/\.cache\/yarn|usr\/local\/share\/\.cache\/yarn|(root|home\/[^/]+)\/\.yarn\/berry\/cache)\// },
  { id: "go-cache", match: /^((root|home\/[^/]+)\/\.cache\/go-build|(go|root\/go|home\/[^/]+\/go)\/pkg\/mod)\// },
  { id: "home-cache", match: /^(root|home\/[^/]+)\/\.cache\// }
];
var TOOLCHAIN = /^(usr\/(local\/)?bin\/(gcc|g\+\+|cc|c\+\+|clang|clang\+\+|rustc|cargo|go)(-[\d.]+)?$|usr\/(lib|libexec)\/gcc\/|usr\/(local\/)?include\/|usr\/local\/go\/|usr\/lib\/go(-[\d.]+)?\/|usr\/local\/(cargo|rustup)\/|root\/\.(cargo|rustup)\/)/;
var GIT_DIR = /(^|\/)\.git(\/|$)/;
var DEV_PACKAGES = /* @__PURE__ */ new Set([
  "typescript",
  "eslint",
  "prettier",
  "jest",
  "vitest",
  "mocha",
  "webpack",
  "rollup",
  "esbuild",
  "vite",
  "ts-node",
  "nodemon",
  "@babel/core",
  "@types",
  "@typescript-eslint",
  "jest-cli",
  "karma",
  "cypress",
  "playwright",
  "@playwright",
  "puppeteer",
  "nyc",
  "c8",
  "husky",
  "lint-staged"
]);
var NODE_MODULE = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//;
var LOCAL_JUNK = /(^|\/)(test|tests|__tests__|spec|specs|testdata|fixtures|coverage|\.idea|\.vscode|\.github|\.pytest_cache|__pycache__)\/|(^|\/)(\.env(\.[\w.-]+)?|\.DS_Store|npm-debug\.log|yarn-error\.log|[^/]+\.log|docker-compose\.ya?ml|Dockerfile)$/;
var SYSTEM_TREES = /^(usr\/(lib|lib64|share|include|local\/lib)|lib|lib64|etc|var\/lib)\//;
var ENV_FILE = /(^|\/)\.env(\.[\w.-]+)?$/;
var COPY_INSTRUCTION = /(^|\s|\(nop\)\s+)(COPY|ADD)\b/i;
function computeHints(input) {
  const hints = [];
  const hint = (id, layerIndex, bytes, data = {}) => {
    hints.push({ id, layerIndex, createdBy: layerIndex === null ? null : input.createdBy[layerIndex] ?? null, bytes, ...data });
  };
  input.layers.forEach((layer, li) => {
    const cacheBytes = /* @__PURE__ */ new Map();
    let gitBytes = 0;
    let junkBytes = 0;
    let junkExample = null;
    let envFile = null;
    const copyLayer = COPY_INSTRUCTION.test(input.createdBy[li] ?? "");
    for (let i = 0; i < layer.count; i++) {
      if (layer.kinds[i] !== EntryKind.file) continue;
      const p = layer.paths[i];
      const size2 = layer.sizes[i];
      const rule = CACHE_RULES.find((r) => r.match.test(p));
      if (rule) cacheBytes.set(rule, (cacheBytes.get(rule) ?? 0) + size2);
      if (GIT_DIR.test(p)) {
        gitBytes += size2;
        continue;
      }
      if (copyLayer && !p.includes("node_modules/") && !SYSTEM_TREES.test(p) && LOCAL_JUNK.test(p)) {
        junkBytes += size2;
        junkExample ??= p;
        if (ENV_FILE.test(p)) envFile ??= p;
      }
    }
    for (const [rule, bytes] of cacheBytes) {
      if (bytes >= HINT_THRESHOLDS.cacheBytes) hint(rule.id, li, bytes);
    }
    if (gitBytes >= HINT_THRESHOLDS.gitBytes) hint("git-dir", li, gitBytes);
    if (envFile || junkBytes >= HINT_THRESHOLDS.localFilesBytes) {
      hint("dockerignore", li, junkBytes, envFile ? { paths: [`/${envFile}`], envFile: true } : { paths: [`/${junkExample}`] });
    }
  });
  const toolchainByLayer = /* @__PURE__ */ new Map();
  const devByLayer = /* @__PURE__ */ new Map();
  const devNames = /* @__PURE__ */ new Set();
  for (const [p, ref] of input.flat.visible) {
    const layer = input.layers[ref.layer];
    if (layer.kinds[ref.entry] !== EntryKind.file) continue;
    const size2 = layer.sizes[ref.entry];
    if (TOOLCHAIN.test(p)) toolchainByLayer.set(ref.layer, (toolchainByLayer.get(ref.layer) ?? 0) + size2);
    const m = NODE_MODULE.exec(p);
    if (m) {
      const name = m[1];
      const scope = name.startsWith("@") ? name.slice(0, name.indexOf("/")) : null;
      if (DEV_PACKAGES.has(name) || scope !== null && DEV_PACKAGES.has(scope)) {
        devByLayer.set(ref.layer, (devByLayer.get(ref.layer) ?? 0) + size2);
        devNames.add(name);
      }
    }
  }
  const toolchainBytes = sum(toolchainByLayer);
  if (toolchainBytes >= HINT_THRESHOLDS.toolchainBytes) {
    hint("multi-stage", topLayer(toolchainByLayer), toolchainBytes);
  }
  const devBytes = sum(devByLayer);
  if (devBytes >= HINT_THRESHOLDS.devDependencyBytes) {
    hint("dev-dependencies", topLayer(devByLayer), devBytes, { packages: [...devNames].sort().slice(0, 4) });
  }
  const duplicates = /* @__PURE__ */ new Map();
  for (const h of input.flat.hidden) {
    if (h.how !== "overwritten" || h.sameContent !== true || h.byLayer === h.layer) continue;
    const d = duplicates.get(h.byLayer) ?? { bytes: 0, files: 0, example: "/" + h.at };
    d.bytes += h.bytes;
    d.files += 1;
    duplicates.set(h.byLayer, d);
  }
  for (const [li, d] of duplicates) {
    if (d.bytes >= HINT_THRESHOLDS.duplicateBytes) {
      hint("duplicate-file", li, d.bytes, { paths: [d.example], count: d.files });
    }
  }
  const rebuilt = input.rebuilt ?? [];
  if (rebuilt.length > 0) {
    const first = rebuilt.reduce((low, r) => r.layerIndex < low ? r.layerIndex : low, rebuilt[0].layerIndex);
    hint(
      "reproducible-build",
      first,
      rebuilt.reduce((s, r) => s + r.bytes, 0),
      { count: rebuilt.length }
    );
  }
  const order = orderHint(input.rows);
  if (order) hint("order", order.layerIndex, order.bytes, { count: order.rebuiltLayers });
  hints.sort((a, b) => b.bytes - a.bytes);
  return hints;
}
function orderHint(rows) {
  if (!rows) return null;
  const head = rows.filter((r) => r.head !== null);
  const first = head.findIndex((r) => r.status === "changed");
  if (first <= 0) return null;
  if (!head.slice(0, first).some((r) => r.status === "unchanged")) return null;
  const after = head.slice(first + 1);
  if (after.length < HINT_THRESHOLDS.orderFollowingLayers || after.some((r) => r.status === "unchanged")) return null;
  const bytes = after.reduce((s, r) => s + r.head.size, 0);
  if (bytes < HINT_THRESHOLDS.orderBytes) return null;
  return { layerIndex: head[first].head.index, bytes, rebuiltLayers: after.length };
}
function sum(m) {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}
function topLayer(m) {
  let best = -1;
  let bestBytes = -1;
  for (const [k, v] of m) if (v > bestBytes) [best, bestBytes] = [k, v];
  return best;
}

// src/layers/identical-content.ts
function compareLayerContent(base, head) {
  if (base.count !== head.count) return { identical: false, reason: "entries" };
  if (base.contentBytes !== head.contentBytes) return { identical: false, reason: "size" };
  if (!base.crcs || !head.crcs) return { identical: false, reason: "unknown" };
  let order = false;
  for (let i = 0; i < base.count; i++) {
    if (base.paths[i] !== head.paths[i]) {
      order = true;
      break;
    }
  }
  const baseOrder = order ? pathOrder(base) : null;
  const headOrder = order ? pathOrder(head) : null;
  let owner = false;
  for (let k = 0; k < base.count; k++) {
    const b = baseOrder ? baseOrder[k] : k;
    const h = headOrder ? headOrder[k] : k;
    if (base.paths[b] !== head.paths[h]) return { identical: false, reason: "path" };
    const kind = base.kinds[b];
    if (kind !== head.kinds[h]) return { identical: false, reason: "kind" };
    if (base.modes[b] !== head.modes[h]) return { identical: false, reason: "mode" };
    if (base.sizes[b] !== head.sizes[h]) return { identical: false, reason: "size" };
    if (base.links.get(b) !== head.links.get(h)) return { identical: false, reason: "link" };
    if (kind === EntryKind.file && base.crcs[b] !== head.crcs[h]) return { identical: false, reason: "content" };
    if (base.uids[b] !== head.uids[h] || base.gids[b] !== head.gids[h]) owner = true;
  }
  const differs = [];
  if (owner) differs.push("owner");
  if (order) differs.push("order");
  return { identical: true, differs };
}
function pathOrder(index) {
  const order = new Uint32Array(index.count);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const paths = index.paths;
  return order.sort((a, b) => {
    const pa = paths[a];
    const pb = paths[b];
    return pa < pb ? -1 : pa > pb ? 1 : a - b;
  });
}

// src/layers/packages/versions.ts
function compareVersions(manager, a, b) {
  if (a === b) return 0;
  switch (manager) {
    case "dpkg":
      return compareDpkg(a, b);
    case "apk":
      return compareApk(a, b);
    case "npm":
      return compareSemver(a, b);
    case "python":
      return comparePep440(a, b);
  }
}
var sign = (n) => n < 0 ? -1 : n > 0 ? 1 : 0;
var DPKG_VERSION = /^(?:(\d{1,9}):)?([0-9][A-Za-z0-9.+~:-]*?)(?:-([A-Za-z0-9.+~]+))?$/;
function compareDpkg(a, b) {
  const pa = parseDpkg(a);
  const pb = parseDpkg(b);
  if (pa === null || pb === null) return null;
  return sign(pa.epoch - pb.epoch) || dpkgPart(pa.upstream, pb.upstream) || dpkgPart(pa.revision, pb.revision);
}
function parseDpkg(v) {
  if (v.length > 256) return null;
  const m = DPKG_VERSION.exec(v);
  if (!m) return null;
  const colon = v.indexOf(":");
  const rest = m[1] !== void 0 ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf("-");
  return { epoch: Number(m[1] ?? 0), upstream: dash < 0 ? rest : rest.slice(0, dash), revision: dash < 0 ? "" : rest.slice(dash + 1) };
}
function dpkgOrder(c) {
  if (c === void 0) return 0;
  if (c === "~") return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}
function dpkgPart(a, b) {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isDigit(a[i]) || j < b.length && !isDigit(b[j])) {
      const ca = i < a.length && !isDigit(a[i]) ? a[i] : void 0;
      const cb = j < b.length && !isDigit(b[j]) ? b[j] : void 0;
      const d2 = dpkgOrder(ca) - dpkgOrder(cb);
      if (d2 !== 0) return sign(d2);
      if (ca !== void 0) i++;
      if (cb !== void 0) j++;
    }
    let da = "";
    let db = "";
    while (i < a.length && isDigit(a[i])) da += a[i++];
    while (j < b.length && isDigit(b[j])) db += b[j++];
    const d = compareDigits(da, db);
    if (d !== 0) return d;
  }
  return 0;
}
function isDigit(c) {
  return c >= "0" && c <= "9";
}
function compareDigits(a, b) {
  const x = a.replace(/^0+/, "");
  const y = b.replace(/^0+/, "");
  if (x.length !== y.length) return sign(x.length - y.length);
  return x < y ? -1 : x > y ? 1 : 0;
}
var APK_VERSION = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:-r(\d+))?$/;
var APK_SUFFIX = { alpha: -4, beta: -3, pre: -2, rc: -1, cvs: 1, svn: 2, git: 3, hg: 4, p: 5 };
function compareApk(a, b) {
  const ma = APK_VERSION.exec(a);
  const mb = APK_VERSION.exec(b);
  if (!ma || !mb) return null;
  const na = ma[1].split(".");
  const nb2 = mb[1].split(".");
  for (let k = 0; k < Math.max(na.length, nb2.length); k++) {
    if (na[k] === void 0) return -1;
    if (nb2[k] === void 0) return 1;
    const d = compareDigits(na[k], nb2[k]);
    if (d !== 0) return d;
  }
  if (ma[2] !== mb[2]) return ma[2] < mb[2] ? -1 : 1;
  const sa = suffixes(ma[3]);
  const sb = suffixes(mb[3]);
  for (let k = 0; k < Math.max(sa.length, sb.length); k++) {
    const [wa, xa] = sa[k] ?? [0, ""];
    const [wb, xb] = sb[k] ?? [0, ""];
    if (wa !== wb) return sign(wa - wb);
    const d = compareDigits(xa || "0", xb || "0");
    if (d !== 0) return d;
  }
  return compareDigits(ma[4] ?? "0", mb[4] ?? "0");
}
function suffixes(text) {
  return text.split("_").filter((s) => s !== "").map((s) => {
    const m = /^([a-z]+)(\d*)$/.exec(s);
    return [APK_SUFFIX[m[1]], m[2]];
  });
}
var SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
function compareSemver(a, b) {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (!ma || !mb || a.length > 256 || b.length > 256) return null;
  for (let k = 1; k <= 3; k++) {
    const d = compareDigits(ma[k], mb[k]);
    if (d !== 0) return d;
  }
  const pa = ma[4];
  const pb = mb[4];
  if (pa === void 0 || pb === void 0) return pa === pb ? 0 : pa === void 0 ? 1 : -1;
  const xa = pa.split(".");
  const xb = pb.split(".");
  for (let k = 0; k < Math.max(xa.length, xb.length); k++) {
    if (xa[k] === void 0) return -1;
    if (xb[k] === void 0) return 1;
    const na = /^\d+$/.test(xa[k]);
    const nb2 = /^\d+$/.test(xb[k]);
    if (na && nb2) {
      const d = compareDigits(xa[k], xb[k]);
      if (d !== 0) return d;
    } else if (na !== nb2) return na ? -1 : 1;
    else if (xa[k] !== xb[k]) return xa[k] < xb[k] ? -1 : 1;
  }
  return 0;
}
var PEP440 = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|rc|c|pre|preview)[-_.]?(\d*))?(?:[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?$/i;
var PRE = { a: 0, alpha: 0, b: 1, beta: 1, rc: 2, c: 2, pre: 2, preview: 2 };
function comparePep440(a, b) {
  const ka = pep440Key(a);
  const kb = pep440Key(b);
  if (ka === null || kb === null) return null;
  for (let k = 0; k < ka.length; k++) {
    if (ka[k] < kb[k]) return -1;
    if (ka[k] > kb[k]) return 1;
  }
  return 0;
}
function pep440Key(v) {
  if (v.length > 256) return null;
  const m = PEP440.exec(v.trim());
  if (!m) return null;
  const release = m[2].split(".").map(Number);
  if (release.length > 6 || release.some((n) => !Number.isSafeInteger(n))) return null;
  while (release.length < 6) release.push(0);
  const dev = m[6] !== void 0 ? Number(m[6] || 0) : Infinity;
  const pre = m[3] !== void 0 ? PRE[m[3].toLowerCase()] * 1e9 + Number(m[4] || 0) : m[5] === void 0 && m[6] !== void 0 ? -Infinity : Infinity;
  const post = m[5] !== void 0 ? Number(m[5] || 0) : -1;
  return [Number(m[1] ?? 0), ...release, pre, post, dev];
}

// src/layers/packages/attribution.ts
var EMPTY_STATE = { packages: /* @__PURE__ */ new Map(), owners: /* @__PURE__ */ new Map(), npmDirs: /* @__PURE__ */ new Map(), infoDirs: /* @__PURE__ */ new Map() };
var MAX_PACKAGE_CHANGES = 500;
function hasPackages(layers) {
  return layers.some((l) => (l.packages?.length ?? 0) > 0);
}
function packageStates(layers, at) {
  const wanted = new Set(at);
  const out = /* @__PURE__ */ new Map();
  if (wanted.has(-1)) out.set(-1, EMPTY_STATE);
  const top = Math.max(-1, ...wanted);
  const sources = /* @__PURE__ */ new Map();
  const rootLinks = /* @__PURE__ */ new Map();
  let last = null;
  for (let i = 0; i <= top && i < layers.length; i++) {
    const layer = layers[i];
    const before = sources.size;
    const deleted = applyWhiteouts(layer, sources);
    const linksChanged = noteRootLinks(layer, rootLinks);
    const mine = /* @__PURE__ */ new Map();
    for (const r of layer.packages ?? []) {
      const list = mine.get(r.source);
      if (list) list.push(r);
      else mine.set(r.source, [r]);
    }
    for (const [source, records] of mine) sources.set(source, records);
    if (deleted || linksChanged || mine.size > 0 || sources.size !== before) last = null;
    if (wanted.has(i)) {
      last ??= stateOf(sources, rootLinks);
      out.set(i, last);
    }
  }
  return out;
}
function applyWhiteouts(layer, sources) {
  if (sources.size === 0) return false;
  const gone = /* @__PURE__ */ new Set();
  const opaque = /* @__PURE__ */ new Set();
  for (const path4 of layer.paths) {
    if (!path4.includes(WHITEOUT_PREFIX)) continue;
    const slash = path4.lastIndexOf("/");
    const dir = slash < 0 ? "" : path4.slice(0, slash);
    const name = path4.slice(slash + 1);
    if (name === OPAQUE_MARKER) opaque.add(dir);
    else if (name.startsWith(WHITEOUT_PREFIX)) gone.add((dir === "" ? "" : dir + "/") + name.slice(WHITEOUT_PREFIX.length));
  }
  if (gone.size === 0 && opaque.size === 0) return false;
  let deleted = false;
  for (const source of [...sources.keys()]) {
    let p = source;
    let hit = gone.has(p);
    while (!hit) {
      const slash = p.lastIndexOf("/");
      p = slash < 0 ? "" : p.slice(0, slash);
      hit = gone.has(p) || opaque.has(p);
      if (p === "") break;
    }
    if (hit) deleted = sources.delete(source) || deleted;
  }
  return deleted;
}
function noteRootLinks(layer, links) {
  let changed = false;
  for (let i = 0; i < layer.count; i++) {
    const path4 = layer.paths[i];
    if (path4 === "" || path4.includes("/")) continue;
    const target = layer.kinds[i] === EntryKind.symlink ? layer.links.get(i) : void 0;
    const clean = target?.split("/").filter((s) => s !== "" && s !== ".");
    const next = clean && clean.length > 0 && !clean.includes("..") ? clean.join("/") : void 0;
    if (links.get(path4) === next) continue;
    if (next === void 0) links.delete(path4);
    else links.set(path4, next);
    changed = true;
  }
  return changed;
}
var keyOf = (...parts) => parts.join("\0");
function stateOf(sources, rootLinks) {
  const state = { packages: /* @__PURE__ */ new Map(), owners: /* @__PURE__ */ new Map(), npmDirs: /* @__PURE__ */ new Map(), infoDirs: /* @__PURE__ */ new Map() };
  const lists = [];
  const dpkgByName = /* @__PURE__ */ new Map();
  const own4 = (path4, key) => {
    if (!state.owners.has(path4)) state.owners.set(path4, key);
    const slash = path4.indexOf("/");
    const link2 = slash < 0 ? void 0 : rootLinks.get(path4.slice(0, slash));
    if (link2 !== void 0) {
      const resolved = link2 + path4.slice(slash);
      if (!state.owners.has(resolved)) state.owners.set(resolved, key);
    }
  };
  const python = [];
  for (const records of sources.values()) {
    for (const r of records) {
      if (r.manager === "dpkg") {
        if (r.version === "") {
          lists.push(r);
          continue;
        }
        const key = keyOf("dpkg", r.name, r.arch ?? "");
        state.packages.set(key, { manager: "dpkg", name: r.name, version: r.version, ...r.arch ? { arch: r.arch } : {} });
        dpkgByName.set(r.name, key);
        dpkgByName.set(`${r.name}:${r.arch ?? ""}`, key);
      } else if (r.manager === "apk") {
        const key = keyOf("apk", r.name);
        state.packages.set(key, { manager: "apk", name: r.name, version: r.version, ...r.arch ? { arch: r.arch } : {} });
        for (const f of r.files ?? []) own4(f, key);
      } else if (r.manager === "npm" && r.dir !== void 0) {
        const key = keyOf("npm", r.dir);
        state.packages.set(key, { manager: "npm", name: r.name, version: r.version, dir: r.dir });
        state.npmDirs.set(r.dir, key);
      } else if (r.manager === "python" && r.dir !== void 0) python.push([r.dir, r]);
    }
  }
  for (const r of lists) {
    const key = dpkgByName.get(r.arch !== void 0 ? `${r.name}:${r.arch}` : r.name) ?? dpkgByName.get(r.name);
    if (key !== void 0) for (const f of r.files ?? []) own4(f, key);
  }
  for (const [dir, r] of python) {
    const site = dir.slice(0, Math.max(0, dir.lastIndexOf("/")));
    const key = keyOf("python", site, r.name.toLowerCase().replace(/[-_.]+/g, "-"));
    state.packages.set(key, { manager: "python", name: r.name, version: r.version, dir: site });
    state.infoDirs.set(dir, key);
    for (const f of r.files ?? []) own4(f, key);
  }
  return state;
}
function ownerOf(state, path4) {
  const listed = state.owners.get(path4);
  if (listed !== void 0) return listed;
  if (state.npmDirs.size > 0) {
    const dir = npmOwnerDir(path4);
    const key = dir === null ? void 0 : state.npmDirs.get(dir);
    if (key !== void 0) return key;
  }
  if (state.infoDirs.size > 0) {
    const slash = path4.lastIndexOf("/");
    const key = slash < 0 ? void 0 : state.infoDirs.get(path4.slice(0, slash));
    if (key !== void 0) return key;
  }
  return null;
}
function layerBytesByPackage(layer, state) {
  const byPackage = /* @__PURE__ */ new Map();
  let other = 0;
  for (let i = 0; i < layer.count; i++) {
    if (layer.kinds[i] !== EntryKind.file) continue;
    const size2 = layer.sizes[i];
    const key = ownerOf(state, layer.paths[i]);
    if (key === null) other += size2;
    else byPackage.set(key, (byPackage.get(key) ?? 0) + size2);
  }
  return { byPackage, other };
}
function packageChanges(before, beforeLayer, after, afterLayer) {
  if (before.packages.size === 0 && after.packages.size === 0) return null;
  const now = layerBytesByPackage(afterLayer, after);
  const then = beforeLayer ? layerBytesByPackage(beforeLayer, before) : { byPackage: /* @__PURE__ */ new Map(), other: 0 };
  const changes = [];
  const describe2 = (key, b, h) => {
    const p = h ?? b;
    let change;
    if (!b) change = "added";
    else if (!h) change = "removed";
    else {
      const order = compareVersions(p.manager, b.version, h.version);
      change = order === null ? "changed" : order < 0 ? "upgraded" : order > 0 ? "downgraded" : "changed";
    }
    const bytes = h ? now.byPackage.get(key) ?? 0 : 0;
    const baseBytes = b ? then.byPackage.get(key) ?? 0 : 0;
    changes.push({
      manager: p.manager,
      name: p.name,
      change,
      baseVersion: b ? b.version : null,
      headVersion: h ? h.version : null,
      ...p.arch !== void 0 ? { arch: p.arch } : {},
      ...p.dir !== void 0 ? { dir: p.dir } : {},
      bytes,
      delta: bytes - baseBytes
    });
  };
  let unchangedBytes = 0;
  let unchangedBase = 0;
  for (const [key, h] of after.packages) {
    const b = before.packages.get(key);
    if (!b || b.version !== h.version) describe2(key, b, h);
    else {
      unchangedBytes += now.byPackage.get(key) ?? 0;
      unchangedBase += then.byPackage.get(key) ?? 0;
    }
  }
  for (const [key, b] of before.packages) if (!after.packages.has(key)) describe2(key, b, void 0);
  changes.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || y.bytes - x.bytes || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const shown = changes.slice(0, MAX_PACKAGE_CHANGES);
  return {
    changes: shown,
    omitted: changes.length - shown.length,
    unchangedBytes,
    unchangedDelta: unchangedBytes - unchangedBase,
    otherBytes: now.other,
    otherDelta: now.other - then.other
  };
}

// src/layers/deep.ts
function layerContents(indexes) {
  return new Map([...indexes].map(([diffId, index]) => [diffId, { contentSize: index.contentBytes, files: index.count }]));
}
function scannedSizes(indexes) {
  return new Map([...indexes].map(([diffId, index]) => [diffId, index.tarBytes]));
}
function analyzeDeep(input) {
  const { indexes, base } = input;
  const headLayers = input.head.diffIds.map((diffId) => indexes.get(diffId));
  const headFlat = flatten(headLayers);
  const deletions = deletionsByLayer(headFlat);
  const dirsBelow = directoriesBelow(headLayers);
  const rowFiles = input.rows.map((row2) => {
    if (input.rowFiles === false) return void 0;
    const headIndex = row2.head ? indexes.get(row2.head.diffId) : void 0;
    const baseIndex = row2.base ? indexes.get(row2.base.diffId) : void 0;
    const deleted = row2.head ? deletions.get(row2.head.index) : void 0;
    const below = row2.head ? dirsBelow(row2.head.index) : void 0;
    if (row2.status === "added" && headIndex) return diffLayers(null, headIndex, deleted, below);
    if (row2.status === "changed" && headIndex && baseIndex) return diffLayers(baseIndex, headIndex, deleted, below);
    if (row2.status === "removed" && baseIndex) return diffLayers(baseIndex, emptyLayerIndex());
    return void 0;
  });
  const scannedBase = base?.readable ? base.diffIds.map((diffId) => indexes.get(diffId)) : null;
  const rowPackages = rowPackageChanges(input.rows, headLayers, scannedBase && scannedBase.every((l) => l !== void 0) ? scannedBase : null);
  const rowIdentical = input.rows.map((row2) => base?.readable ? identicalContentOf(row2, indexes) : void 0);
  const deep = {
    waste: wasteFigures(headFlat),
    hints: computeHints({
      layers: headLayers,
      createdBy: input.head.createdBy,
      layerSizes: headLayers.map((l) => l.tarBytes),
      flat: headFlat,
      rows: base ? input.rows : null,
      rebuilt: input.rows.flatMap((row2, i) => {
        const same = rowIdentical[i];
        return same && row2.head ? [{ layerIndex: row2.head.index, bytes: same.reusableBytes }] : [];
      })
    })
  };
  if (base?.readable) {
    const baseLayers = base.diffIds.map((diffId) => indexes.get(diffId));
    const sameStack = baseLayers.length === headLayers.length && baseLayers.every((l, i) => l === headLayers[i]);
    const baseFlat = sameStack ? headFlat : flatten(baseLayers);
    deep.filesystem = diffFilesystems(baseFlat.visible, baseLayers, headFlat.visible, headLayers);
    deep.identicalContent = identicalContentTotals(rowIdentical);
  }
  if (input.diveCompat) deep.dive = diveFigures(headLayers);
  return { rowFiles, rowPackages, rowIdentical, deep };
}
function rowPackageChanges(rows, headLayers, baseLayers) {
  const none = rows.map(() => void 0);
  if (!hasPackages(headLayers) && !(baseLayers && hasPackages(baseLayers))) return none;
  const headAt = /* @__PURE__ */ new Set();
  const baseAt = /* @__PURE__ */ new Set();
  for (const row2 of rows) {
    if (!row2.head) continue;
    if (row2.status === "added") headAt.add(row2.head.index).add(row2.head.index - 1);
    else if (row2.status === "changed" && row2.base && baseLayers) {
      headAt.add(row2.head.index);
      baseAt.add(row2.base.index);
    }
  }
  const headStates = packageStates(headLayers, headAt);
  const baseStates = baseLayers ? packageStates(baseLayers, baseAt) : /* @__PURE__ */ new Map();
  return rows.map((row2) => {
    if (!row2.head) return void 0;
    const k = row2.head.index;
    const after = headStates.get(k);
    const layer = headLayers[k];
    if (!after || !layer) return void 0;
    if (row2.status === "added") {
      const below = headStates.get(k - 1);
      return below ? packageChanges(below, null, after, layer) ?? void 0 : void 0;
    }
    if (row2.status === "changed" && row2.base && baseLayers) {
      const before = baseStates.get(row2.base.index);
      const baseLayer = baseLayers[row2.base.index];
      return before && baseLayer ? packageChanges(before, baseLayer, after, layer) ?? void 0 : void 0;
    }
    return void 0;
  });
}
function identicalContentOf(row2, indexes) {
  if (row2.status !== "changed" || !row2.head || !row2.base) return void 0;
  const headIndex = indexes.get(row2.head.diffId);
  const baseIndex = indexes.get(row2.base.diffId);
  if (!headIndex || !baseIndex) return void 0;
  const same = compareLayerContent(baseIndex, headIndex);
  if (!same.identical) return void 0;
  return { reusableBytes: row2.head.size, reusableCompressedBytes: row2.head.compressedSize, differs: same.differs };
}
function identicalContentTotals(rows) {
  let layers = 0;
  let reusableBytes = 0;
  let reusableCompressedBytes = 0;
  for (const row2 of rows) {
    if (!row2) continue;
    layers += 1;
    reusableBytes += row2.reusableBytes;
    reusableCompressedBytes = reusableCompressedBytes === null || row2.reusableCompressedBytes === null ? null : reusableCompressedBytes + row2.reusableCompressedBytes;
  }
  return { layers, reusableBytes, reusableCompressedBytes };
}

// src/layers/measure.ts
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/layers/peek.ts
import { Readable } from "node:stream";
async function peekStream(source, count) {
  const chunks = [];
  let have = 0;
  const iterator = source[Symbol.asyncIterator]();
  let done = false;
  try {
    while (have < count) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      const chunk = toBuffer(next.value);
      chunks.push(chunk);
      have += chunk.length;
    }
  } catch (error) {
    source.destroy();
    throw error;
  }
  const head = Buffer.concat(chunks).subarray(0, count);
  async function* replay() {
    yield* chunks.splice(0);
    if (done) return;
    for (; ; ) {
      const next = await iterator.next();
      if (next.done) return;
      yield toBuffer(next.value);
    }
  }
  const stream = Readable.from(replay(), { objectMode: false, highWaterMark: 1024 * 1024 });
  stream.once("close", () => source.destroy());
  return { head, stream };
}
function toBuffer(value) {
  return Buffer.isBuffer(value) ? value : typeof value === "string" ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

// src/stats.ts
import { AsyncLocalStorage } from "node:async_hooks";
function newRunStats() {
  return {
    archiveBytesRead: 0,
    layersMeasured: 0,
    measuredStoredBytes: 0,
    measuredUncompressedBytes: 0,
    layersScanned: 0,
    scannedStoredBytes: 0,
    scannedUncompressedBytes: 0,
    networkBytes: 0,
    requests: {}
  };
}
var processStats = newRunStats();
var currentRun = new AsyncLocalStorage();
function runStats() {
  return currentRun.getStore() ?? processStats;
}
function withRunStats(stats2, work) {
  return stats2 ? currentRun.run(stats2, work) : work();
}
var FIELDS = Object.keys(newRunStats());
var stats = Object.defineProperties(
  {},
  Object.fromEntries(
    FIELDS.map((field2) => [
      field2,
      {
        enumerable: true,
        get: () => runStats()[field2],
        set: (value) => {
          runStats()[field2] = value;
        }
      }
    ])
  )
);
function countRequest(kind) {
  const requests = runStats().requests;
  requests[kind] = (requests[kind] ?? 0) + 1;
}

// src/layers/measure.ts
var DEFAULT_MAX_UNCOMPRESSED_BYTES = 64 * 1024 ** 3;
function bombLimitsFrom(env) {
  return {
    maxRatio: 1e3,
    ratioAfterBytes: 256 * 1024 * 1024,
    maxUncompressedBytes: envBytes(env, "LAYERDIFF_MAX_LAYER_BYTES") ?? DEFAULT_MAX_UNCOMPRESSED_BYTES
  };
}
var defaultBombLimits = {
  maxRatio: 1e3,
  ratioAfterBytes: 256 * 1024 * 1024,
  get maxUncompressedBytes() {
    return bombLimitsFrom(process.env).maxUncompressedBytes;
  }
};
function bombReason(limits, compression, uncompressedBytes, storedBytes) {
  if (uncompressedBytes > limits.maxUncompressedBytes) {
    return `decompresses to more than ${limits.maxUncompressedBytes} bytes; refusing (decompression bomb?)`;
  }
  if (compression !== "none" && uncompressedBytes > limits.ratioAfterBytes && uncompressedBytes > storedBytes * limits.maxRatio) {
    return `decompression ratio above ${limits.maxRatio}:1 after ${uncompressedBytes} bytes; refusing (decompression bomb?)`;
  }
  return null;
}
function envBytes(env, name) {
  const raw = env[name];
  if (!raw) return void 0;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : void 0;
}
async function storedLayer(stored, known) {
  let layer;
  if (known) layer = { compression: known, stream: stored, storedBytes: 0 };
  else {
    const peeked = await peekStream(stored, MAGIC_BYTES);
    layer = { compression: sniffCompression(peeked.head), stream: peeked.stream, storedBytes: 0 };
  }
  layer.stream.on("data", (chunk) => {
    layer.storedBytes += chunk.length;
  });
  return layer;
}
async function decompressInto(layer, tail, subject, signal) {
  let decompressor;
  try {
    decompressor = createDecompressor(layer.compression);
  } catch (error) {
    layer.stream.destroy();
    throw inputError(subject, error.message);
  }
  const streams = [
    layer.stream,
    ...decompressor ? [decompressor] : [],
    ...tail
  ];
  try {
    await pipeline(streams, signal ? { signal } : {});
  } catch (error) {
    if (error instanceof LayerdiffError) throw error;
    throw inputError(subject, `cannot read ${layer.compression === "none" ? "layer" : layer.compression + " layer"}: ${describeStreamError(error)}`, error);
  }
}
async function measureStream(stored, options2) {
  const limits = options2.limits ?? bombLimitsFrom(process.env);
  const layer = await storedLayer(stored, options2.compression ?? null);
  const compression = layer.compression;
  const hash = options2.verify ? createHash("sha256") : null;
  let size2 = 0;
  let nextReport = 64 * 1024 * 1024;
  const first = Buffer.alloc(BLOCK);
  const sink = new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk, _enc, done) {
      if (size2 < BLOCK) chunk.copy(first, size2, 0, Math.min(chunk.length, BLOCK - size2));
      size2 += chunk.length;
      if (size2 >= BLOCK && size2 - chunk.length < BLOCK && !isZeroBlock(first) && !checksumValid(first)) {
        done(
          inputError(options2.subject, `not a tar stream (the ${compression === "none" ? "layer" : compression + " layer"} does not start with a tar header)`)
        );
        return;
      }
      hash?.update(chunk);
      const bomb = bombReason(limits, compression, size2, layer.storedBytes);
      if (bomb !== null) {
        done(inputError(options2.subject, bomb));
        return;
      }
      if (options2.onBytes && size2 >= nextReport) {
        nextReport += 64 * 1024 * 1024;
        options2.onBytes(size2);
      }
      done();
    }
  });
  await decompressInto(layer, [sink], options2.subject, options2.signal);
  if (size2 > 0 && size2 < BLOCK) throw inputError(options2.subject, `not a tar stream (${size2} bytes, less than one tar block)`);
  const counters = options2.stats ?? runStats();
  counters.layersMeasured += 1;
  counters.measuredStoredBytes += layer.storedBytes;
  counters.measuredUncompressedBytes += size2;
  const result = { size: size2, storedBytes: layer.storedBytes, compression };
  if (hash) result.diffId = `sha256:${hash.digest("hex")}`;
  return result;
}
async function measureLayer(blob, options2) {
  const stored = await blob.open();
  if (options2.signal?.aborted) {
    stored.destroy();
    throw options2.signal.reason;
  }
  const measurement = await measureStream(stored, { compression: blob.compression, ...options2 });
  if (options2.verify && measurement.diffId !== blob.diffId) {
    throw inputError(options2.subject, `content does not match its diff_id (expected ${blob.diffId}, got ${measurement.diffId})`);
  }
  return measurement;
}
function describeStreamError(error) {
  const e = error;
  if (e.code === "Z_BUF_ERROR" || e.code === "ERR_STREAM_PREMATURE_CLOSE") return "unexpected end of data (truncated?)";
  if (e.code === "Z_DATA_ERROR") return `corrupt data (${e.message ?? "bad compressed stream"})`;
  return e.message ?? String(error);
}

// src/layers/measure-lanes.ts
import os from "node:os";
var MAX_LANES = 4;
function lanesFrom(env) {
  const raw = env.LAYERDIFF_MEASURE_LANES;
  if (raw !== void 0 && raw !== "") {
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 64);
  }
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(MAX_LANES, cores));
}
async function runInLanes(jobs, lanes, work) {
  const results = new Array(jobs.length);
  const stop = new AbortController();
  let failure = null;
  let next = 0;
  const lane = async () => {
    while (!stop.signal.aborted && next < jobs.length) {
      const i = next++;
      try {
        results[i] = await work(jobs[i], stop.signal);
      } catch (error) {
        failure ??= { error };
        stop.abort();
        return;
      }
    }
  };
  const count = Math.max(1, Math.min(Math.floor(lanes) || 1, jobs.length));
  await Promise.allSettled(Array.from({ length: count }, lane));
  if (failure) throw failure.error;
  return results;
}

// src/layers/pull-estimate.ts
import { Transform as Transform2, Writable as Writable2 } from "node:stream";
import zlib3 from "node:zlib";
var PULL_GZIP_LEVEL = 6;
async function estimateGzipSize(blob, options2) {
  const limits = options2.limits ?? bombLimitsFrom(process.env);
  const stream = await blob.open();
  if (options2.signal?.aborted) {
    stream.destroy();
    throw options2.signal.reason;
  }
  const layer = await storedLayer(stream, blob.compression);
  let uncompressedBytes = 0;
  const guard = new Transform2({
    transform(chunk, _enc, done) {
      uncompressedBytes += chunk.length;
      const bomb = bombReason(limits, layer.compression, uncompressedBytes, layer.storedBytes);
      if (bomb !== null) done(inputError(options2.subject, bomb));
      else done(null, chunk);
    }
  });
  let gzipBytes = 0;
  const counter = new Writable2({
    write(chunk, _enc, done) {
      gzipBytes += chunk.length;
      done();
    }
  });
  const gzip = zlib3.createGzip({ level: options2.level ?? PULL_GZIP_LEVEL, chunkSize: 64 * 1024 });
  await decompressInto(layer, [guard, gzip, counter], options2.subject, options2.signal);
  return { gzipBytes, uncompressedBytes };
}

// src/diff/pull-total.ts
function layersToPull(base, head) {
  const have = new Set(base?.layers.map((l) => l.diffId) ?? []);
  const wanted = /* @__PURE__ */ new Set();
  for (const layer of head.layers) if (!have.has(layer.diffId)) wanted.add(layer.diffId);
  return [...wanted];
}
function withPullEstimates(rows, base, head, pull) {
  const estimated = (row2) => row2.head && (row2.status === "changed" || row2.status === "added") ? pull.sizes.get(row2.head.diffId) : void 0;
  const withRows = rows.map((row2) => {
    const size2 = estimated(row2);
    return size2 === void 0 ? row2 : { ...row2, pullSizeEstimate: size2 };
  });
  const byDiffId = new Map(head.layers.map((l) => [l.diffId, l]));
  let bytes = 0;
  let uncompressedBytes = 0;
  let estimatedLayers = 0;
  const wanted = layersToPull(base, head);
  for (const diffId of wanted) {
    const layer = byDiffId.get(diffId);
    const size2 = pull.sizes.get(diffId);
    if (size2 !== void 0) estimatedLayers += 1;
    const compressed = size2 ?? layer.compressedSize;
    if (compressed === null) return { rows: withRows, pullEstimate: null };
    bytes += compressed;
    uncompressedBytes += layer.size;
  }
  return { rows: withRows, pullEstimate: { compression: "gzip", level: pull.level, layers: wanted.length, estimatedLayers, bytes, uncompressedBytes } };
}

// src/report/format.ts
var UNITS = ["B", "kB", "MB", "GB", "TB", "PB"];
function formatBytes(bytes) {
  if (typeof bytes !== "number" || Number.isNaN(bytes)) return "?";
  const sign2 = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1e3 && unit < UNITS.length - 1) {
    value /= 1e3;
    unit++;
  }
  if (unit === 0) return `${sign2}${Math.round(value)} B`;
  let digits = Number(value.toPrecision(3));
  if (digits >= 1e3 && unit < UNITS.length - 1) {
    digits = Number((digits / 1e3).toPrecision(3));
    unit++;
  }
  return `${sign2}${digits} ${UNITS[unit]}`;
}
function formatBytesDelta(bytes) {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}
function formatPercent(ratio2) {
  if (!Number.isFinite(ratio2)) return ratio2 > 0 ? "\u221E%" : "-\u221E%";
  const percent = ratio2 * 100;
  const whole = Math.round(percent);
  if (percent === whole) return `${whole}%`;
  const absolute = Math.abs(percent);
  if (absolute >= 1 && (absolute <= 99 || absolute >= 101)) return `${whole}%`;
  const oneDecimal = Number(percent.toFixed(1));
  if (oneDecimal === 0) return percent > 0 ? "<0.1%" : ">-0.1%";
  if (oneDecimal === 100 && percent < 100) return ">99.9%";
  return `${oneDecimal}%`;
}
function formatPercentExact(ratio2, decimals = 1) {
  return `${Number((ratio2 * 100).toFixed(decimals))}%`;
}
function formatPercentDelta(ratio2, decimals = 1) {
  if (!Number.isFinite(ratio2)) return ratio2 > 0 ? "+\u221E%" : "-\u221E%";
  const rounded = Number((ratio2 * 100).toFixed(decimals));
  if (rounded === 0) return ratio2 === 0 ? "0%" : `${ratio2 > 0 ? "+" : "-"}<${10 ** -decimals}%`;
  return rounded > 0 ? `+${rounded}%` : `${rounded}%`;
}
function truncate(text, max) {
  if (max <= 0) return "";
  if (text.length <= max) return text;
  if (max === 1) return "\u2026";
  const end = /[\uD800-\uDBFF]/.test(text[max - 2] ?? "") ? max - 2 : max - 1;
  return text.slice(0, end) + "\u2026";
}
function layerNumber(row2) {
  const head = row2.head ? ordinal(row2.head.index) : null;
  const base = row2.base ? ordinal(row2.base.index) : null;
  if (head === null) return `(was ${base ?? "?"})`;
  if (base === null || base === head) return String(head);
  return `${head} (was ${base})`;
}
function ordinal(index) {
  return typeof index === "number" && Number.isFinite(index) ? index + 1 : "?";
}

// src/report/budget-text.ts
function budgetResults(checks) {
  return checks.map((check) => ({ rule: check.rule, limit: check.limitText, actual: check.actual, status: check.status, message: budgetMessage(check) }));
}
function budgetMessage(check) {
  const finding = check.finding;
  switch (finding.kind) {
    case "unknown-rule":
      return `unknown rule ${check.rule}: not checked`;
    case "compressed-size-unknown":
      return "compressed size unknown (layers stored uncompressed): not checked";
    case "no-base":
      return "no base";
    case "needs-deep":
      return "needs --deep (deep scan) to measure: not checked";
    case "from-empty-base":
      return `${formatBytesDelta(finding.deltaBytes)} from an empty base > ${limitText(finding.limit)}`;
    case "compared":
      return comparedText(finding);
  }
}
function limitText(limit) {
  return limit.kind === "bytes" ? formatBytes(limit.bytes) : formatPercentExact(limit.ratio, 4);
}
function comparedText(finding) {
  const limitNumber = finding.limit.kind === "bytes" ? finding.limit.bytes : finding.limit.ratio;
  const limit = limitText(finding.limit);
  const broken = finding.bound === "max" ? finding.figure > limitNumber : finding.figure < limitNumber;
  const sign2 = broken ? finding.bound === "max" ? ">" : "<" : finding.bound === "max" ? "\u2264" : "\u2265";
  const where = finding.layer === void 0 ? "" : ` (${finding.layer === null ? "a removed layer" : `layer ${finding.layer + 1}`})`;
  const percent = (signed) => percentText(finding.figure, signed, limit, finding.figure !== limitNumber);
  const ratioLimit = finding.limit.kind === "ratio";
  let actual;
  switch (finding.measure) {
    case "size":
    case "compressed-size":
      actual = formatBytes(finding.figure);
      break;
    case "growth":
    case "layer-growth":
      actual = ratioLimit ? percent(true) : formatBytesDelta(finding.figure);
      break;
    case "cache-hit":
      actual = `${percent(false)} of bytes reused`;
      break;
    case "wasted":
      actual = `${formatBytes(finding.figure)} wasted`;
      break;
    case "efficiency":
      actual = `efficiency ${percent(false)}`;
      break;
  }
  return `${actual}${where} ${sign2} ${limit}`;
}
function percentText(ratio2, signed, limitText2, differs) {
  const format = (decimals2) => signed ? formatPercentDelta(ratio2, decimals2) : formatPercentExact(ratio2, decimals2);
  let decimals = 1;
  let percent = format(decimals);
  while (differs && decimals < 4 && percent.replace(/^\+/, "") === limitText2) percent = format(++decimals);
  return percent;
}

// src/report/escape.ts
var FIELD_MAX = {
  /** Free text: budget messages, hint messages. */
  text: 300,
  /** A Dockerfile instruction in a table (the JSON report has it whole). */
  instruction: 80,
  /** A file path (cut in the middle: its start and its file name stay). */
  path: 100,
  /** Image references, tags, platforms, digests, rule names, keys. */
  identifier: 200,
  /** One log or error message. */
  message: 2e3
};
var INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
var NAMED = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
function visible(text) {
  return text.replace(INVISIBLE, (ch) => NAMED[ch] ?? codePointEscape(ch));
}
function codePointEscape(ch) {
  const cp = ch.codePointAt(0) ?? 0;
  return cp > 65535 ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}
function asText(value) {
  if (typeof value === "string") return value;
  if (value === null || value === void 0) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}
function numberText(value) {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "?";
}
function cap(text, max, middle = false) {
  const points = Array.from(text);
  if (points.length <= max) return text;
  if (max <= 1) return max <= 0 ? "" : "\u2026";
  if (!middle) return points.slice(0, max - 1).join("") + "\u2026";
  const tail = Math.floor((max - 1) / 2);
  return points.slice(0, max - 1 - tail).join("") + "\u2026" + points.slice(points.length - tail).join("");
}
function oneLine(value, max = FIELD_MAX.text, middle = false) {
  return visible(cap(asText(value), max, middle));
}
function mdCode(value, options2 = {}) {
  const text = oneLine(value, options2.max ?? FIELD_MAX.text, options2.middle ?? false).replace(/<!--/g, "\\u003C!--");
  if (text.trim() === "") return "";
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? " " : "";
  const body = options2.cell ? text.replace(/\|/g, "\\|") : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}
var LINKABLE_WORD = /[@#/]|[A-Za-z][A-Za-z0-9+.-]*:\S|www\.|[A-Za-z]-\d|[0-9a-fA-F]{7,}/i;
var MD_SPECIAL = /[\\`*_[\]<>&!|~$]/g;
function mdText(value, options2 = {}) {
  const text = oneLine(value, options2.max ?? FIELD_MAX.text, options2.middle ?? false);
  return text.split(/( +)/).map((word2) => {
    if (word2 === "" || /^ +$/.test(word2)) return word2;
    if (LINKABLE_WORD.test(word2) || word2.includes("`")) return mdCode(word2, { max: Infinity, cell: options2.cell });
    return word2.replace(MD_SPECIAL, (ch) => `\\${ch}`);
  }).join("").trim();
}
function htmlCode(value, options2 = {}) {
  const text = oneLine(value, options2.max ?? FIELD_MAX.text, options2.middle ?? false);
  return text === "" ? "" : `<code>${htmlEscape(text)}</code>`;
}
function htmlEscape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;").replace(/\|/g, "&#124;");
}
function terminalText(value, max = FIELD_MAX.text, middle = false) {
  return noLegacyCommand(oneLine(value, max, middle));
}
function noLegacyCommand(text) {
  return text.replace(/##\[/g, "#\\#[");
}
function logText(message) {
  return cap(asText(message), FIELD_MAX.message * 8).split("\n").map((line) => noLegacyCommand(visible(line)).replace(/^(\s*)::/, "$1\\::")).join("\n");
}

// src/report/hint-text.ts
var markdownHintStyle = {
  code: (fixed) => mdCode(fixed, { max: Infinity }),
  foreign: (value, max, middle) => mdCode(value, { max, middle }) || "``(empty)``",
  freeText: (value) => mdText(value)
};
var plainHintStyle = {
  code: (fixed) => `\`${fixed}\``,
  foreign: (value, max, middle) => `\`${terminalText(value, max, middle)}\``,
  freeText: (value) => terminalText(value)
};
var CACHE_HINTS = {
  "apt-lists": { what: "apt package lists", fix: "add `&& rm -rf /var/lib/apt/lists/*` to the same RUN as `apt-get install`" },
  "apt-cache": { what: "apt package cache", fix: "run `apt-get clean` (or `rm -rf /var/cache/apt/*`) in the same RUN, or use a cache mount" },
  "apk-cache": { what: "apk package cache", fix: "use `apk add --no-cache`, or remove `/var/cache/apk/*` in the same RUN" },
  "pip-cache": { what: "pip cache", fix: "use `pip install --no-cache-dir`, or a cache mount" },
  "npm-cache": { what: "npm cache", fix: "run `npm cache clean --force` in the same RUN, or use a cache mount" },
  "yarn-cache": { what: "yarn cache", fix: "run `yarn cache clean` in the same RUN, or use a cache mount" },
  "go-cache": { what: "Go build and module caches", fix: "build in a separate stage, or use cache mounts for `/root/.cache/go-build` and `/go/pkg/mod`" },
  "home-cache": { what: "files in `~/.cache`", fix: "delete them in the same RUN that creates them, or use a cache mount" }
};
var FIXED = {
  gitDir: "add `.git` to .dockerignore.",
  dockerignore: "were copied in: add a .dockerignore (tests, logs, editor and env files).",
  multiStage: "of compilers, SDKs and headers ship in the final image: use a multi-stage build and copy only the build output.",
  devDependencies: "ship: install with `npm ci --omit=dev` in the final stage.",
  duplicate: "unchanged in size from lower layers",
  duplicateFix: "so both copies ship: set mode and owner where the files are created (`COPY --chmod/--chown`, or in the same RUN).",
  order: "to push and pull again): order instructions from least to most often changed (install dependencies before copying the sources).",
  cacheTail: "Deleting them in a later layer does not shrink the image.",
  reproducible: "Make the build reproducible: set `SOURCE_DATE_EPOCH` and export with BuildKit's `rewrite-timestamp=true` (`--output type=image,rewrite-timestamp=true`) so file times stop changing, and give files the same owner on every build (`COPY --chown=uid:gid`)."
};
var FIXED_HINT_TEXT = [...Object.values(CACHE_HINTS).flatMap((h) => [h.what, h.fix]), ...Object.values(FIXED)];
function hintText(hint, style) {
  const fixed = (text) => text.split("`").map((part, i) => i % 2 === 1 ? style.code(part) : part).join("");
  const bytes = typeof hint.bytes === "number" && Number.isFinite(hint.bytes) ? formatBytes(hint.bytes) : "?";
  const path4 = (i) => style.foreign(hint.paths?.[i], FIELD_MAX.path, true);
  const count = typeof hint.count === "number" && Number.isSafeInteger(hint.count) && hint.count >= 0 ? hint.count : null;
  const hasPath = Array.isArray(hint.paths) && typeof hint.paths[0] === "string";
  const cache = Object.hasOwn(CACHE_HINTS, hint.id) ? CACHE_HINTS[hint.id] : void 0;
  if (cache) return `${bytes} of ${fixed(cache.what)} left in this layer: ${fixed(cache.fix)}. ${fixed(FIXED.cacheTail)}`;
  switch (hint.id) {
    case "git-dir":
      return `a .git directory (${bytes}) is in the image: ${fixed(FIXED.gitDir)}`;
    case "multi-stage":
      return `${bytes} ${fixed(FIXED.multiStage)}`;
    case "dockerignore":
      if (!hasPath) break;
      return `${hint.envFile === true ? `${path4(0)} (an env file, maybe secrets) and other local files` : `local files such as ${path4(0)}`} (${bytes}) ${fixed(FIXED.dockerignore)}`;
    case "dev-dependencies": {
      if (!Array.isArray(hint.packages)) break;
      const names = hint.packages.slice(0, 4).map((name) => style.foreign(name, FIELD_MAX.identifier, false));
      return `${bytes} of development-only node modules (${names.join(", ")}) ${fixed(FIXED.devDependencies)}`;
    }
    case "duplicate-file":
      if (!hasPath || count === null) break;
      return `re-adds ${count} ${count === 1 ? "file" : "files"} ${FIXED.duplicate} (e.g. ${path4(0)}), ${fixed(FIXED.duplicateFix)}`;
    case "reproducible-build":
      if (count === null) break;
      return `${count} ${count === 1 ? "layer was" : "layers were"} rebuilt with identical content: only metadata such as file times or owners changed, so every push and pull moves ${count === 1 ? "it" : "them"} again. ${fixed(FIXED.reproducible)}`;
    case "order":
      if (count === null) break;
      return `this layer changed and all ${count} layers after it were rebuilt (${bytes} ${fixed(FIXED.order)}`;
  }
  return `${style.foreign(hint.id, FIELD_MAX.identifier, false)}: ${style.freeText(hint.message)}`;
}
function withHintMessages(hints) {
  return hints.map((hint) => ({ ...hint, message: hintText(hint, plainHintStyle) }));
}

// src/layers/scan-pool.ts
import { EventEmitter, once } from "node:events";
import { existsSync } from "node:fs";
import os2 from "node:os";
import v8 from "node:v8";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

// src/layers/layer-scanner.ts
import { finished } from "node:stream/promises";

// src/layers/tar-walker.ts
import zlib4 from "node:zlib";
var crc32 = zlib4.crc32;
var TarWalker = class {
  reader;
  constructor(out) {
    const hashing = out.fingerprint && crc32 !== void 0;
    const packages = out.packages;
    let entry = -1;
    let crc = 0;
    let hash = false;
    let capture = false;
    this.reader = new TarEntryReader({
      entry(h) {
        const link2 = h.linkpath === null ? null : h.kind === TarKind.hardlink ? normalizeEntryPath(h.linkpath) : h.linkpath;
        const path4 = normalizeEntryPath(h.path);
        entry = out.add(path4, h.kind, h.size, h.mode, h.uid, h.gid, link2);
        crc = 0;
        hash = hashing && h.kind === TarKind.file;
        capture = packages.wants(path4, h.kind === TarKind.file && !h.sparse, h.size);
        return hash || capture;
      },
      data(piece) {
        if (hash) crc = crc32(piece, crc);
        if (capture) packages.data(piece);
      },
      dataEnd() {
        if (hash) out.setCrc(entry, crc);
        if (capture) packages.dataEnd();
      }
    });
  }
  get finished() {
    return this.reader.finished;
  }
  /** Uncompressed tar bytes walked so far. */
  get offset() {
    return this.reader.offset;
  }
  /** Feeds uncompressed tar bytes. Throws `TarFormatError` on a malformed archive. */
  push(chunk) {
    this.reader.push(chunk);
  }
  /** Call at the end of the stream: throws when it ended inside an entry. */
  end() {
    this.reader.end();
  }
};

// src/layers/layer-scanner.ts
var ScanError = class extends Error {
};
var LayerScanner = class {
  builder;
  walker;
  limits;
  head = [];
  headBytes = 0;
  compression = null;
  decompressor = null;
  failure = null;
  storedBytes = 0;
  tarBytes = 0;
  /**
   * Fires at the first failure. Every wait on the decompressor races it: a destroyed stream may
   * never call a write callback back nor emit another event, and such a wait would never settle.
   */
  failed = new AbortController();
  constructor(options2) {
    this.builder = new LayerIndexBuilder(options2.fingerprint);
    this.walker = new TarWalker(this.builder);
    this.limits = options2.limits ?? bombLimitsFrom(process.env);
  }
  /** Accepts stored bytes; resolves when they are consumed (the caller's backpressure). */
  async write(chunk) {
    this.throwIfFailed();
    this.storedBytes += chunk.length;
    if (this.compression === null) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < MAGIC_BYTES) return;
      const head = this.head.length === 1 ? chunk : Buffer.concat(this.head);
      this.head = [];
      this.start(sniffCompression(head));
      return this.feed(head);
    }
    return this.feed(chunk);
  }
  async end() {
    this.throwIfFailed();
    if (this.compression === null) {
      const head = Buffer.concat(this.head);
      this.head = [];
      this.start(sniffCompression(head));
      if (head.length > 0) await this.feed(head);
    }
    const d = this.decompressor;
    if (d) {
      const done = finished(d);
      d.end();
      await this.untilFailed(done);
    }
    try {
      this.walker.end();
    } catch (error) {
      this.fail(error);
    }
    this.throwIfFailed();
    if (this.builder.count === 0 && this.tarBytes > 0 && !this.walker.finished) throw new ScanError("not a tar stream");
    return this.builder.finish({ tarBytes: this.tarBytes, storedBytes: this.storedBytes, compression: this.compression ?? "none" });
  }
  /** Stops early (the caller gave up); frees the decompressor and settles any wait in progress. */
  destroy() {
    this.fail(new ScanError("scan stopped"));
  }
  start(compression) {
    this.compression = compression;
    let d;
    try {
      d = createDecompressor(compression);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!d) return;
    this.decompressor = d;
    d.on("data", (out) => this.onTar(out));
    d.on("error", (error) => this.fail(error));
  }
  feed(chunk) {
    this.throwIfFailed();
    const d = this.decompressor;
    if (!d) {
      this.onTar(chunk);
      this.throwIfFailed();
      return Promise.resolve();
    }
    return this.untilFailed(new Promise((resolve, reject) => d.write(chunk, (error) => error ? reject(error) : resolve())));
  }
  /** Waits for `step`, or for the first failure, whichever comes first; throws the failure. */
  async untilFailed(step) {
    const signal = this.failed.signal;
    if (signal.aborted) {
      step.catch(() => void 0);
      this.throwIfFailed();
    }
    let onAbort;
    const aborted = new Promise((resolve) => {
      onAbort = () => resolve();
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      await Promise.race([step, aborted]);
    } catch (error) {
      this.fail(error);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    step.catch(() => void 0);
    this.throwIfFailed();
  }
  onTar(chunk) {
    if (this.failure) return;
    this.tarBytes += chunk.length;
    const bomb = bombReason(this.limits, this.compression ?? "none", this.tarBytes, this.storedBytes);
    if (bomb !== null) {
      this.fail(new ScanError(bomb));
      return;
    }
    if (this.walker.finished) return;
    try {
      this.walker.push(chunk);
    } catch (error) {
      this.fail(error);
    }
  }
  fail(error) {
    if (this.failure) return;
    const e = error;
    this.failure = e instanceof ScanError ? e : new ScanError(e instanceof TarFormatError || e instanceof EntryLimitError ? e.message : this.describe(e));
    this.failed.abort();
    this.decompressor?.destroy();
  }
  describe(error) {
    const what = this.compression && this.compression !== "none" ? `${this.compression} layer` : "layer";
    return `cannot read ${what}: ${describeStreamError(error)}`;
  }
  throwIfFailed() {
    if (this.failure) throw this.failure;
  }
};

// src/layers/scan-pool.ts
var workerStats = { layers: 0, threadsStarted: 0 };
var MAX_IN_FLIGHT = 2;
function defaultWorkerUrl() {
  const url = new URL("./scan-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : null;
}
function defaultThreads() {
  const env = process.env.LAYERDIFF_SCAN_THREADS;
  if (env !== void 0 && env !== "" && Number.isInteger(Number(env)) && Number(env) >= 0) return Number(env);
  return typeof os2.availableParallelism === "function" ? os2.availableParallelism() : os2.cpus().length;
}
async function scanAll(jobs, options2 = {}) {
  keepYoungGenerationSmall();
  const results = new Array(jobs.length);
  const workerUrl = options2.workerUrl === void 0 ? defaultWorkerUrl() : options2.workerUrl;
  const threads = Math.min(options2.threads ?? defaultThreads(), jobs.length);
  let next = 0;
  const take = () => next < jobs.length ? next++ : -1;
  let totalEntries = options2.entriesHeld ?? 0;
  let packageCosts = 0;
  const finish = (i, index) => {
    totalEntries += index.count;
    packageCosts += packageCost(index.packages);
    if (packageCosts > PACKAGE_LIMITS.run) {
      index.packages = null;
      for (const done of results) if (done) done.packages = null;
    }
    if (totalEntries > MAX_DEEP_ENTRIES) {
      throw new ScanJobError(
        jobs[i],
        new Error(
          `with this layer the scanned layers hold more than ${MAX_DEEP_ENTRIES} entries; refusing (memory budget of a deep scan; LAYERDIFF_MAX_ENTRIES raises it)`
        )
      );
    }
    results[i] = index;
    options2.onLayerDone?.(jobs[i], index);
  };
  if (workerUrl === null || threads < 2) {
    for (let i = take(); i >= 0; i = take()) finish(i, await scanInThread(jobs[i]));
    return results;
  }
  const workers = Array.from({ length: threads - 1 }, () => new ScanWorker(workerUrl));
  workerStats.threadsStarted += workers.length;
  const stop = new AbortController();
  const lane = async (scan, onWorker) => {
    for (let i = take(); i >= 0 && !stop.signal.aborted; i = take()) {
      try {
        const index = await scan(jobs[i]);
        if (onWorker) workerStats.layers += 1;
        finish(i, index);
      } catch (error) {
        stop.abort();
        throw error;
      }
    }
  };
  try {
    await Promise.all([lane((job) => scanInThread(job, stop.signal), false), ...workers.map((w) => lane((job) => w.scan(job, stop.signal), true))]);
  } finally {
    stop.abort();
    await Promise.allSettled(workers.map((w) => w.close()));
  }
  return results;
}
function keepYoungGenerationSmall() {
  if (youngGenerationPinned) return;
  youngGenerationPinned = true;
  v8.setFlagsFromString("--semi-space-growth-factor=1");
}
var youngGenerationPinned = false;
async function scanInThread(job, signal) {
  const scanner = new LayerScanner({ fingerprint: job.fingerprint, ...job.limits ? { limits: job.limits } : {} });
  let stream = null;
  try {
    stream = await job.open();
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      await scanner.write(chunk);
    }
    return await scanner.end();
  } catch (error) {
    scanner.destroy();
    throw new ScanJobError(job, error);
  } finally {
    stream?.destroy();
  }
}
var ScanJobError = class extends Error {
  constructor(job, cause) {
    super(`${job.subject}: ${cause.message ?? String(cause)}`, { cause });
    this.job = job;
  }
  job;
};
var ScanWorker = class {
  worker;
  events = new EventEmitter();
  jobCounter = 0;
  /** The job being scanned, its chunks not yet acknowledged, and its outcome once known. */
  job = 0;
  inFlight = 0;
  outcome = null;
  crashed = null;
  /** Chunk buffers back from the worker, reused for the next chunks: no garbage per chunk. */
  spare = [];
  constructor(url) {
    this.worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.worker.on("message", (reply) => this.onReply(reply));
    this.worker.on("error", (error) => this.crash(error instanceof Error ? error : new Error(`scan worker threw ${String(error)}`)));
    this.worker.on("messageerror", (error) => this.crash(error));
    this.worker.on("exit", (code) => this.crash(new Error(`scan worker exited with code ${code}`)));
  }
  onReply(reply) {
    if (reply.job !== this.job) return;
    if (reply.type === "ack") {
      this.inFlight--;
      if (reply.buffer.byteLength > 0) this.spare.push(reply.buffer);
    } else if (reply.type === "done") this.outcome ??= { index: reply.index };
    else this.outcome ??= { error: new Error(reply.message) };
    this.events.emit("update");
  }
  crash(error) {
    this.crashed ??= error;
    this.outcome ??= { error };
    this.events.emit("update");
  }
  post(message, transfer = []) {
    this.worker.postMessage(message, transfer);
  }
  /** The next reply (or crash); rejects when `signal` aborts. */
  async update(signal) {
    await once(this.events, "update", signal ? { signal } : {});
  }
  async scan(job, signal) {
    const id = ++this.jobCounter;
    this.job = id;
    this.inFlight = 0;
    this.outcome = this.crashed ? { error: this.crashed } : null;
    let stream = null;
    try {
      if (this.outcome) throw this.outcome.error;
      this.post({ type: "start", job: id, fingerprint: job.fingerprint, ...job.limits ? { limits: { ...job.limits } } : {} });
      stream = await job.open();
      for await (const chunk of stream) {
        if (this.outcome) break;
        signal?.throwIfAborted();
        const buf = chunk;
        let backing = this.spare.pop();
        if (!backing || backing.byteLength < buf.length) backing = new ArrayBuffer(Math.max(buf.length, 64 * 1024));
        const data = new Uint8Array(backing, 0, buf.length);
        data.set(buf);
        this.post({ type: "chunk", job: id, data }, [backing]);
        this.inFlight++;
        while (this.inFlight >= MAX_IN_FLIGHT && !this.outcome) await this.update(signal);
      }
      if (!this.outcome) this.post({ type: "end", job: id });
      while (!this.outcome) await this.update(signal);
      const outcome = this.outcome;
      if ("error" in outcome) throw outcome.error;
      return outcome.index;
    } catch (error) {
      throw new ScanJobError(job, error);
    } finally {
      stream?.destroy();
      this.job = 0;
    }
  }
  async close() {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
};

// src/core/digest.ts
function shortDigest(value) {
  if (value === null) return "-";
  const digest = String(value);
  const hex = digest.includes(":") ? digest.slice(digest.indexOf(":") + 1) : digest;
  return hex.slice(0, 12);
}

// src/sources/layer-subject.ts
function layerSubject(handle, blob) {
  return `${handle.source.reference}: layer ${blob.index + 1}/${handle.layers.length} (${shortDigest(blob.digest ?? blob.diffId)})`;
}

// src/scan-layers.ts
function baseIndexSource(base) {
  if (!base.snapshot) return "scanned";
  return base.layerIndexes ? "snapshot" : "none";
}
async function scanLayers(base, head, options2 = {}) {
  if (head.snapshot && !head.layerIndexes) {
    const subject = head.source.reference;
    throw namingError(
      "input",
      (name) => `${subject}: a snapshot without file indexes holds no layer contents; ${name("deep")} needs the image itself or a deep snapshot (layerdiff snapshot --deep)`,
      { subject }
    );
  }
  const baseSource = base ? baseIndexSource(base) : null;
  if (base && baseSource === "none") options2.onEvent?.({ kind: "warning", code: "base-not-scannable", image: base.source.reference });
  const known = new Map(head.layerIndexes ?? []);
  if (base && baseSource === "snapshot") {
    for (const [diffId, index] of base.layerIndexes) if (!known.has(diffId)) known.set(diffId, index);
  }
  const jobs = [];
  const jobOf = /* @__PURE__ */ new Map();
  const fingerprint = baseSource !== null && baseSource !== "none" || options2.fingerprint === true;
  const cached = (diffId) => options2.cache?.get(cacheKey(diffId, true)) ?? (fingerprint ? void 0 : options2.cache?.get(cacheKey(diffId, false)));
  const plan = (handle) => {
    for (const blob of handle.layers) {
      if (jobOf.has(blob.diffId) || known.has(blob.diffId) || cached(blob.diffId) !== void 0) continue;
      jobOf.set(blob.diffId, jobs.length);
      jobs.push({ subject: layerSubject(handle, blob), fingerprint, open: () => blob.open(), ...options2.limits ? { limits: options2.limits } : {} });
    }
  };
  plan(head);
  if (base && baseSource === "scanned") plan(base);
  const counters = options2.stats ?? runStats();
  let done = 0;
  let indexes;
  try {
    indexes = await scanAll(jobs, {
      ...options2.pool,
      entriesHeld: [...known.values()].reduce((n, index) => n + index.count, 0),
      onLayerDone: (job, index) => {
        counters.layersScanned += 1;
        counters.scannedStoredBytes += index.storedBytes;
        counters.scannedUncompressedBytes += index.tarBytes;
        done += 1;
        options2.onEvent?.({ kind: "scanned", subject: job.subject, done, of: jobs.length, entries: index.count });
        options2.pool?.onLayerDone?.(job, index);
      }
    });
  } catch (error) {
    if (error instanceof ScanJobError) throw inputError(error.job.subject, error.cause?.message ?? String(error.cause), error.cause);
    throw error;
  }
  const byDiffId = /* @__PURE__ */ new Map();
  for (const [diffId, i] of jobOf) byDiffId.set(diffId, indexes[i]);
  for (const [diffId, index] of known) byDiffId.set(diffId, index);
  if (options2.cache) {
    for (const [diffId, index] of byDiffId) options2.cache.set(cacheKey(diffId, fingerprint), index);
    let total = 0;
    for (const index of new Set(options2.cache.values())) total += index.count;
    if (total > MAX_DEEP_ENTRIES) {
      throw inputError(
        head.source.reference,
        `the scanned layers of all platforms hold more than ${MAX_DEEP_ENTRIES} entries; refusing (memory budget of a deep scan; LAYERDIFF_MAX_ENTRIES raises it, or list fewer platforms)`
      );
    }
    for (const handle of base && baseSource === "scanned" ? [head, base] : [head]) {
      for (const blob of handle.layers)
        if (!byDiffId.has(blob.diffId)) {
          const hit = cached(blob.diffId);
          if (hit) byDiffId.set(blob.diffId, hit);
        }
    }
  }
  return byDiffId;
}
function cacheKey(diffId, fingerprinted) {
  return fingerprinted ? diffId : `plain ${diffId}`;
}

// src/sources/open.ts
import { stat as stat3 } from "node:fs/promises";

// src/image/oci.ts
var MediaType = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayerTar: "application/vnd.oci.image.layer.v1.tar",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  ociLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  dockerLayerForeignGzip: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
};
var OCI_LAYOUT_FILE = "oci-layout";
var OCI_INDEX_FILE = "index.json";
var DOCKER_MANIFEST_FILE = "manifest.json";
var RefNameAnnotations = ["io.containerd.image.name", "org.opencontainers.image.ref.name"];

// src/schema/check.ts
var import__ = __toESM(require__(), 1);

// schemas/report.schema.json
var report_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "report.schema.json",
  title: "layerdiff/report@1",
  description: "What `layerdiff diff --format json` and the action's report-path write, and what the action's `report` input reads. Shared definitions live in snapshot.schema.json. Unknown fields are ignored; a field that changes meaning bumps the schema version.",
  type: "object",
  required: ["schema", "base", "head", "layers", "totals", "cacheHit", "budgets", "verdict"],
  properties: {
    schema: { const: "layerdiff/report@1" },
    base: { if: { type: "null" }, else: { $ref: "#/$defs/snapshot" } },
    head: { $ref: "#/$defs/snapshot" },
    layers: {
      type: "array",
      maxItems: 2e4,
      items: { $ref: "#/$defs/layerRow" },
      description: "One row per layer of either image: at most base + head layers."
    },
    totals: {
      type: "object",
      required: ["base", "head", "delta"],
      properties: {
        base: { if: { type: "null" }, else: { $ref: "snapshot.schema.json#/$defs/sizes" } },
        head: { $ref: "snapshot.schema.json#/$defs/sizes" },
        delta: { $ref: "snapshot.schema.json#/$defs/sizeDeltas" }
      }
    },
    cacheHit: {
      description: "null without a base.",
      type: ["object", "null"],
      required: ["layers", "bytes"],
      properties: {
        layers: { $ref: "#/$defs/ratioFigure" },
        bytes: { $ref: "#/$defs/ratioFigure" }
      }
    },
    budgets: { type: "array", items: { $ref: "#/$defs/budgetResult" } },
    verdict: { $ref: "#/$defs/verdict" },
    deep: { $ref: "snapshot.schema.json#/$defs/deep" },
    pullEstimate: {
      description: "--estimate-pull / estimate-pull: what pulling the head transfers when the base's layers are already there: its distinct layers (by diff_id) the base lacks, each at its stored compressed size or, stored uncompressed (docker save), at the size gzip at `level` compresses it to (as BuildKit and containerd push). An estimate when estimatedLayers > 0. Absent without the option, or when the head is a snapshot.",
      type: "object",
      required: ["compression", "level", "layers", "estimatedLayers", "bytes", "uncompressedBytes"],
      properties: {
        compression: { const: "gzip" },
        level: { type: "integer", minimum: 1, maximum: 9 },
        layers: { type: "integer", minimum: 0, description: "Distinct head layers the base lacks." },
        estimatedLayers: { type: "integer", minimum: 0, description: "Of those, the layers whose gzip size was estimated by compressing them." },
        bytes: { type: "integer", minimum: 0, description: "Bytes a pull transfers: estimates plus stored compressed sizes." },
        uncompressedBytes: { type: "integer", minimum: 0 }
      }
    },
    name: {
      type: "string",
      maxLength: 200,
      description: "The image's name when reports are merged (`diff --name`, the action's `name` input, else the comment key). Absent when none was given."
    }
  },
  $defs: {
    verdict: { enum: ["pass", "warn", "fail"] },
    snapshot: {
      description: "A snapshot as the report writer writes it: every field present.",
      allOf: [
        { $ref: "snapshot.schema.json" },
        {
          type: "object",
          required: ["source", "manifestDigest", "totals"],
          properties: { layers: { type: "array", items: { $ref: "#/$defs/layerRef" } } }
        }
      ]
    },
    layerRef: {
      description: "A layer as the report writer writes it: every field present.",
      allOf: [
        { $ref: "snapshot.schema.json#/$defs/layerRef" },
        { type: "object", required: ["index", "digest", "mediaType", "compressedSize", "contentSize", "createdBy", "files"] }
      ]
    },
    layerRow: {
      type: "object",
      required: ["status", "base", "head", "delta"],
      properties: {
        status: { enum: ["unchanged", "changed", "added", "removed"] },
        base: { if: { type: "null" }, else: { $ref: "#/$defs/layerRef" } },
        head: { if: { type: "null" }, else: { $ref: "#/$defs/layerRef" } },
        delta: {
          type: "object",
          required: ["size", "compressedSize"],
          properties: {
            size: { $ref: "snapshot.schema.json#/$defs/signedBytes" },
            compressedSize: { $ref: "snapshot.schema.json#/$defs/signedBytesOrNull" }
          }
        },
        files: { $ref: "snapshot.schema.json#/$defs/fileChanges" },
        pairedBy: {
          description: "Changed rows: why the head layer was paired with the base layer, most certain first.",
          enum: ["files", "instruction", "similar-instruction", "position"]
        },
        packages: { $ref: "#/$defs/packageChanges" },
        identicalContent: {
          description: "Deep scan, changed rows: both layers hold the same files (paths, kinds, modes, link targets, sizes, CRC-32 of the content); only metadata differs, so a reproducible build would have reused the base layer.",
          type: "object",
          required: ["reusableBytes", "reusableCompressedBytes", "differs"],
          properties: {
            reusableBytes: { $ref: "snapshot.schema.json#/$defs/bytes", description: "The head layer's uncompressed size." },
            reusableCompressedBytes: {
              $ref: "snapshot.schema.json#/$defs/bytesOrNull",
              description: "The head layer's compressed size; null when unknown or stored uncompressed."
            },
            differs: {
              type: "array",
              maxItems: 8,
              items: { type: "string", maxLength: 64 },
              description: "Metadata the file index tells apart that differs: owner (uid/gid), order (tar header order); a later version may add words (readers show unknown ones as they are, escaped). Empty: only what the index does not keep differs (modification times)."
            }
          }
        },
        pullSizeEstimate: {
          description: "--estimate-pull, changed and added rows whose head layer is stored uncompressed: the bytes it gzip-compresses to at pullEstimate.level (an estimate of what a push or pull transfers).",
          type: "integer",
          minimum: 0
        }
      }
    },
    packageChanges: {
      description: "Deep scan, changed and added rows of an image with a package database (dpkg, apk, npm, Python): the packages this layer added, removed or changed against its aligned base layer (an added layer: against the head layer below it), largest |delta| first. changes' bytes + unchangedBytes + otherBytes = the layer's regular file bytes.",
      type: "object",
      required: ["changes", "omitted", "unchangedBytes", "unchangedDelta", "otherBytes", "otherDelta"],
      properties: {
        changes: { type: "array", maxItems: 500, items: { $ref: "#/$defs/packageChange" } },
        omitted: { type: "integer", minimum: 0, description: "Changes beyond the 500 listed." },
        unchangedBytes: {
          $ref: "snapshot.schema.json#/$defs/bytes",
          description: "Bytes of this layer's files owned by packages whose version did not change."
        },
        unchangedDelta: { $ref: "snapshot.schema.json#/$defs/signedBytes" },
        otherBytes: { $ref: "snapshot.schema.json#/$defs/bytes", description: "Bytes of this layer's regular files no package owns." },
        otherDelta: { $ref: "snapshot.schema.json#/$defs/signedBytes" }
      }
    },
    packageChange: {
      type: "object",
      required: ["manager", "name", "change", "baseVersion", "headVersion", "bytes", "delta"],
      properties: {
        manager: { enum: ["dpkg", "apk", "npm", "python"] },
        name: { type: "string", maxLength: 256 },
        change: { enum: ["added", "removed", "upgraded", "downgraded", "changed"], description: "changed: another version whose order is not known." },
        baseVersion: { type: ["string", "null"], maxLength: 256 },
        headVersion: { type: ["string", "null"], maxLength: 256 },
        arch: { type: "string", maxLength: 256 },
        dir: { type: "string", description: "npm: the package directory; Python: the site directory." },
        bytes: { $ref: "snapshot.schema.json#/$defs/bytes", description: "Bytes of the head layer's files this package owns (0 when removed)." },
        delta: { $ref: "snapshot.schema.json#/$defs/signedBytes", description: "bytes minus what the package owned in the base layer." }
      }
    },
    ratioFigure: {
      type: "object",
      required: ["hit", "total", "ratio"],
      properties: {
        hit: { $ref: "snapshot.schema.json#/$defs/bytes" },
        total: { $ref: "snapshot.schema.json#/$defs/bytes" },
        ratio: { type: "number", minimum: 0, maximum: 1 }
      }
    },
    budgetResult: {
      type: "object",
      required: ["rule", "limit", "actual", "status"],
      properties: {
        rule: { type: "string", description: "Rule name as written, e.g. max-growth." },
        limit: { type: ["string", "number"], description: "The limit as given (5%, 500MB) or parsed." },
        actual: { type: ["number", "null"], description: "The measured value the rule compared." },
        status: { $ref: "#/$defs/verdict" },
        message: { type: "string" }
      }
    }
  }
};

// schemas/snapshot.schema.json
var snapshot_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "snapshot.schema.json",
  title: "layerdiff/snapshot@1",
  description: "One platform's image as layerdiff measured it: written by `layerdiff snapshot` and `layerdiff inspect --format json`, read back as `snapshot:FILE`. Readers accept a snapshot that leaves out the optional fields (they read as null, totals are recomputed from the layers); writers always write every field. Unknown fields are ignored, so a later minor version may add fields; a field that changes meaning bumps the schema version.",
  type: "object",
  required: ["schema", "platform", "configDigest", "layers"],
  properties: {
    schema: { const: "layerdiff/snapshot@1" },
    source: { $ref: "#/$defs/source" },
    platform: { type: "string", maxLength: 400, description: "os/architecture[/variant], e.g. linux/amd64" },
    manifestDigest: { $ref: "#/$defs/digestOrNull" },
    configDigest: { $ref: "#/$defs/digest" },
    layers: {
      type: "array",
      maxItems: 1e4,
      items: { $ref: "#/$defs/layerRef" },
      description: "Bottom layer first; at most 10,000 (no real image comes near)."
    },
    totals: { $ref: "#/$defs/sizes" },
    deep: { $ref: "#/$defs/deep" },
    history: {
      type: "array",
      maxItems: 100,
      items: { $ref: "#/$defs/historyPoint" },
      description: "Optional. The base branch's recent totals, oldest first (this image's commit last when it was built on that branch), for the trend chart. Writers keep the last 30 points; readers accept up to 100 and keep the last 30."
    }
  },
  $defs: {
    digest: {
      description: "A content digest in an algorithm layerdiff reads.",
      type: "string",
      pattern: "^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$"
    },
    digestOrNull: {
      type: ["string", "null"],
      pattern: "^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$"
    },
    diffId: {
      description: "sha256 of the uncompressed layer tar (the config's rootfs.diff_ids).",
      type: "string",
      pattern: "^sha256:[a-f0-9]{64}$"
    },
    bytes: {
      description: "A byte count or an index: a non-negative integer a double holds exactly.",
      type: "integer",
      minimum: 0,
      maximum: 9007199254740991
    },
    bytesOrNull: {
      type: ["integer", "null"],
      minimum: 0,
      maximum: 9007199254740991
    },
    signedBytes: {
      description: "A difference of byte counts (head minus base): an integer of either sign.",
      type: "integer",
      minimum: -9007199254740991,
      maximum: 9007199254740991
    },
    signedBytesOrNull: {
      type: ["integer", "null"],
      minimum: -9007199254740991,
      maximum: 9007199254740991
    },
    stringOrNull: { type: ["string", "null"] },
    historyPoint: {
      description: "One commit of the base branch: its image's totals.",
      type: "object",
      required: ["commit", "date", "size", "compressedSize", "layers"],
      properties: {
        commit: { type: "string", pattern: "^([0-9a-f]{40}|[0-9a-f]{64})$", description: "The commit's full hex object name, lowercase." },
        date: {
          type: "string",
          maxLength: 40,
          pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$",
          description: "When the commit was made (or built, when the event does not say): ISO 8601 with a zone; writers write UTC."
        },
        size: { $ref: "#/$defs/bytes", description: "Uncompressed layer tar bytes (totals.size)." },
        compressedSize: { $ref: "#/$defs/bytesOrNull", description: "Pull size (totals.compressedSize); null when unknown." },
        layers: { type: "integer", minimum: 0, maximum: 1e4, description: "How many layers the image had." }
      }
    },
    source: {
      description: "Where the image was read from.",
      type: "object",
      required: ["type", "reference"],
      properties: {
        type: { type: "string", description: "archive | oci-dir | registry | daemon | artifact | snapshot" },
        reference: { type: "string", description: "The reference as the user gave it." },
        format: { type: "string", description: "Archive layout detected (docker-legacy, docker-oci, oci, containerd, tarball)." },
        tags: { type: "array", items: { type: "string" } }
      }
    },
    sizes: {
      type: "object",
      required: ["size", "compressedSize", "contentSize"],
      properties: {
        size: { $ref: "#/$defs/bytes", description: "Uncompressed layer tar bytes." },
        compressedSize: {
          $ref: "#/$defs/bytesOrNull",
          description: "Bytes as stored compressed; null when any layer is stored uncompressed or unknown."
        },
        contentSize: { $ref: "#/$defs/bytesOrNull", description: "Regular-file bytes, from a deep scan; null without one." }
      }
    },
    sizeDeltas: {
      type: "object",
      required: ["size", "compressedSize", "contentSize"],
      properties: {
        size: { $ref: "#/$defs/signedBytes" },
        compressedSize: { $ref: "#/$defs/signedBytesOrNull" },
        contentSize: { $ref: "#/$defs/signedBytesOrNull" }
      }
    },
    layerRef: {
      description: "One layer. Only diffId and size are required of a file read back; the writer writes every field.",
      type: "object",
      required: ["diffId", "size"],
      properties: {
        index: { $ref: "#/$defs/bytes", description: "Position in the image, 0 = bottom." },
        diffId: { $ref: "#/$defs/diffId" },
        digest: { $ref: "#/$defs/digestOrNull", description: "Digest of the stored blob, when the format names it." },
        mediaType: { type: ["string", "null"], maxLength: 255 },
        size: { $ref: "#/$defs/bytes", description: "Uncompressed layer tar bytes." },
        compressedSize: { $ref: "#/$defs/bytesOrNull" },
        contentSize: { $ref: "#/$defs/bytesOrNull", description: "Regular-file bytes (deep scan)." },
        createdBy: { $ref: "#/$defs/stringOrNull", description: "The history entry's created_by." },
        files: { $ref: "#/$defs/bytesOrNull", description: "Entries in the layer (deep scan)." },
        fileIndex: { $ref: "#/$defs/fileIndex" }
      }
    },
    base64: { type: "string", pattern: "^[A-Za-z0-9+/]*={0,2}$" },
    fileIndex: {
      description: "A deep snapshot's file index of this layer (`layerdiff snapshot --deep`): one entry per tar entry, in tar order, in columns. Either every layer of a snapshot has one or none has. Fixed-width columns are little-endian typed arrays in base64, `count` values each.",
      type: "object",
      required: ["format", "count", "prefix", "suffix", "kinds", "modes", "sizes", "uids", "gids", "crcs", "links"],
      properties: {
        format: { const: "layerdiff/file-index@1" },
        count: { $ref: "#/$defs/bytes", description: "Entries (at most 750,000 over all layers, LAYERDIFF_MAX_ENTRIES)." },
        prefix: { $ref: "#/$defs/base64", description: "u16 per entry: characters its path shares with the previous entry's path (front coding)." },
        suffix: {
          type: "array",
          items: { type: "string" },
          description: 'The rest of each path. Paths are normalised: no leading `/` or `./`, no trailing `/`, no `.`/`..` segment; `""` is the root.'
        },
        kinds: { $ref: "#/$defs/base64", description: "u8 per entry: 0 file, 1 dir, 2 symlink, 3 hardlink, 4 char, 5 block, 6 fifo, 7 other." },
        modes: { $ref: "#/$defs/base64", description: "u16 per entry: permission bits (& 0o7777)." },
        sizes: {
          type: "array",
          items: { $ref: "#/$defs/bytes" },
          description: "Per entry: content bytes of a regular file, 0 for every other kind."
        },
        uids: { oneOf: [{ $ref: "#/$defs/base64" }, { type: "null" }], description: "u32 per entry; null: all 0." },
        gids: { oneOf: [{ $ref: "#/$defs/base64" }, { type: "null" }], description: "u32 per entry; null: all 0." },
        crcs: {
          oneOf: [{ $ref: "#/$defs/base64" }, { type: "null" }],
          description: "i32 per entry: CRC-32 of a regular file's content; null: not fingerprinted."
        },
        links: {
          type: "object",
          required: ["at", "to"],
          properties: {
            at: { type: "array", items: { $ref: "#/$defs/bytes" }, description: "Positions of symlinks and hardlinks, ascending." },
            to: { type: "array", items: { type: "string" }, description: "Their targets (hardlinks normalised, symlinks as written)." }
          }
        },
        extra: {
          type: "object",
          maxProperties: 16,
          propertyNames: { pattern: "^[a-z][A-Za-z0-9]{0,39}$" },
          description: "Other plain-JSON fields of the layer's index, carried as they are (e.g. `packages`: the layer's package records)."
        }
      }
    },
    fileChange: {
      type: "object",
      required: ["path", "change", "baseSize", "headSize", "delta"],
      properties: {
        path: { type: "string" },
        change: { enum: ["added", "removed", "grown", "shrunk", "modified"] },
        baseSize: { $ref: "#/$defs/bytesOrNull" },
        headSize: { $ref: "#/$defs/bytesOrNull" },
        delta: { $ref: "#/$defs/signedBytes" }
      }
    },
    fileChanges: {
      description: "File-level changes (deep scan), largest |delta| first.",
      type: "object",
      required: ["added", "removed", "grown", "shrunk", "modified", "changes"],
      properties: {
        added: { $ref: "#/$defs/bytes" },
        removed: { $ref: "#/$defs/bytes" },
        grown: { $ref: "#/$defs/bytes" },
        shrunk: { $ref: "#/$defs/bytes" },
        modified: { $ref: "#/$defs/bytes" },
        changes: { type: "array", items: { $ref: "#/$defs/fileChange" } }
      }
    },
    hint: {
      type: "object",
      required: ["id", "layerIndex", "createdBy", "bytes", "message"],
      properties: {
        id: { type: "string", description: "Stable id: apt-lists, pip-cache, multi-stage, dockerignore, duplicate-file, order, reproducible-build ..." },
        layerIndex: { $ref: "#/$defs/bytesOrNull" },
        createdBy: { $ref: "#/$defs/stringOrNull" },
        bytes: { $ref: "#/$defs/bytes" },
        paths: { type: "array", items: { type: "string" }, description: "Paths the hint is about (a few examples, largest first)." },
        envFile: { type: "boolean", description: "local-files: an .env file is among the paths." },
        packages: { type: "array", items: { type: "string" }, description: "dev-dependencies: the package names." },
        count: {
          $ref: "#/$defs/bytes",
          description: "How many files or layers the hint counts (reproducible-build: layers rebuilt with identical content)."
        },
        message: { type: "string", description: "The advice as plain text (never Markdown); renderers word hints from the fields above." }
      }
    },
    deep: {
      description: "What --deep adds: wasted space, dive's figures (--dive-compat), hints, the flattened filesystem's changes.",
      type: "object",
      required: ["waste", "hints"],
      properties: {
        waste: {
          type: "object",
          required: ["wastedBytes", "efficiency", "paths"],
          properties: {
            wastedBytes: { $ref: "#/$defs/bytes" },
            efficiency: { type: "number", description: "1 - wasted / total content bytes (1 = nothing wasted)." },
            paths: {
              type: "array",
              items: {
                type: "object",
                required: ["path", "wastedBytes", "layers"],
                properties: {
                  path: { type: "string" },
                  wastedBytes: { $ref: "#/$defs/bytes" },
                  layers: { type: "array", items: { $ref: "#/$defs/bytes" } }
                }
              }
            }
          }
        },
        dive: {
          type: "object",
          required: ["efficiency", "wastedBytes", "userWastedPercent", "sizeBytes"],
          properties: {
            efficiency: { type: "number" },
            wastedBytes: { $ref: "#/$defs/bytes" },
            userWastedPercent: { type: "number", minimum: 0 },
            sizeBytes: { $ref: "#/$defs/bytes" }
          }
        },
        hints: { type: "array", items: { $ref: "#/$defs/hint" } },
        filesystem: { $ref: "#/$defs/fileChanges" },
        identicalContent: {
          description: "Changed layers rebuilt with identical content, summed (present when the base was scanned): layers[].identicalContent totals.",
          type: "object",
          required: ["layers", "reusableBytes", "reusableCompressedBytes"],
          properties: {
            layers: { $ref: "#/$defs/bytes" },
            reusableBytes: { $ref: "#/$defs/bytes" },
            reusableCompressedBytes: { $ref: "#/$defs/bytesOrNull", description: "null when any such layer's compressed size is unknown." }
          }
        },
        baseIndex: {
          enum: ["snapshot", "none"],
          description: "Set when the base is a snapshot file: `snapshot`, its file indexes (a deep snapshot) stood for the base's layers; `none`, it has none (a plain snapshot), so no file-level changes are shown."
        }
      }
    }
  }
};

// schemas/multi-report.schema.json
var multi_report_schema_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "multi-report.schema.json",
  title: "layerdiff/multi-report@1",
  description: "Several images in one report: what `layerdiff merge --format json` writes (and `--platform all`), what the action's `report-path` holds when `report` names several files, and what `merge` and the action's `report` input read back. Each entry keeps its own layerdiff/report@1. A reader recomputes `verdict` and `totals` from the entries; the written values are a convenience. Unknown fields are ignored; a field that changes meaning bumps the schema version.",
  type: "object",
  required: ["schema", "verdict", "totals", "images"],
  properties: {
    schema: { const: "layerdiff/multi-report@1" },
    verdict: { $ref: "report.schema.json#/$defs/verdict", description: "The worst verdict of the entries; an entry without a report counts as fail." },
    totals: {
      type: "object",
      description: "Sums over the entries that have a report; base is null when no entry has a base.",
      required: ["base", "head", "delta"],
      properties: {
        base: { if: { type: "null" }, else: { $ref: "snapshot.schema.json#/$defs/sizes" } },
        head: { $ref: "snapshot.schema.json#/$defs/sizes" },
        delta: { $ref: "snapshot.schema.json#/$defs/sizeDeltas" }
      }
    },
    images: {
      type: "array",
      maxItems: 1e3,
      description: "One entry per image and platform, in the order merged.",
      items: { $ref: "#/$defs/imageEntry" }
    }
  },
  $defs: {
    imageEntry: {
      type: "object",
      required: ["name", "platform", "report"],
      properties: {
        name: {
          type: "string",
          maxLength: 200,
          description: "The image's name: its report's name, else the head reference; made unique per platform."
        },
        platform: {
          type: "string",
          maxLength: 200,
          description: "The head's platform, os/arch[/variant]; empty when a leg left no report and named none."
        },
        report: { if: { type: "null" }, else: { $ref: "report.schema.json" }, description: "The image's own report; null when its leg left none." },
        error: { type: "string", maxLength: 2e3, description: "Why there is no report (when report is null)." },
        change: {
          enum: ["added", "removed"],
          description: "`--platform all`: added when the base has no image for this platform (the report has no base), removed when the head has none (the report's head is an image without layers, platform none). Absent otherwise."
        },
        verdict: { $ref: "report.schema.json#/$defs/verdict", description: "This entry's verdict: its report's, fail without one." }
      }
    },
    missingReport: {
      title: "layerdiff/missing-report@1",
      description: "A placeholder a matrix leg that failed before reporting leaves instead of its report, so the merged comment shows a 'no report' row for it.",
      type: "object",
      required: ["schema", "name"],
      properties: {
        schema: { const: "layerdiff/missing-report@1" },
        name: { type: "string", minLength: 1, maxLength: 200 },
        platform: { type: "string", maxLength: 200 },
        error: { type: "string", maxLength: 2e3 }
      }
    }
  }
};

// src/schema/check.ts
var ajv;
function instance() {
  ajv ??= new import__.Ajv2020({
    allErrors: false,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    verbose: true,
    validateSchema: false,
    schemas: [snapshot_schema_default, report_schema_default, multi_report_schema_default]
  });
  return ajv;
}
function lazyValidator(schema) {
  let validate;
  return (data) => {
    if (validate === void 0) {
      const ajvInstance = instance();
      validate = typeof schema === "string" ? ajvInstance.getSchema(schema) : ajvInstance.compile(schema);
      if (validate === void 0) throw new LayerdiffError("internal", `schema ${schema} is not registered`);
    }
    return validate(data) ? null : validate.errors?.[0] ?? null;
  };
}
function checkShape(validate, data, subject, what, pointerPrefix = "") {
  const error = validate(data);
  if (error === null) return;
  throw inputError(subject, describeSchemaError(error, what, pointerPrefix));
}
function describeSchemaError(error, what, pointerPrefix = "") {
  let pointer = pointerPrefix + error.instancePath;
  let reason = error.message ?? "is invalid";
  const params = error.params;
  switch (error.keyword) {
    case "required":
      pointer += `/${escapePointerToken(String(params.missingProperty))}`;
      reason = "is missing";
      break;
    case "type":
      reason = `must be ${typeWords(String(params.type))}, not ${jsonType(error.data)}`;
      break;
    case "const":
      reason = `must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case "enum":
      reason = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
      break;
    case "pattern":
      reason = `is not a valid ${patternName(String(params.pattern))}`;
      break;
    case "minimum":
    case "maximum":
      reason = `${reason} (got ${String(error.data)})`;
      break;
  }
  return `${what} is invalid at ${printable(pointer === "" ? "(top level)" : pointer)}: ${reason}`;
}
function escapePointerToken(token) {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
function typeWords(type) {
  return type.split(",").map((t) => t === "integer" ? "a whole number" : t === "object" ? "an object" : t === "array" ? "a list" : t === "null" ? "null" : `a ${t}`).join(" or ");
}
function jsonType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return Number.isInteger(value) ? "a whole number" : "a fraction";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
function patternName(pattern) {
  if (pattern.startsWith("^sha256:[a-f0-9]{64}$")) return "sha256 digest";
  if (pattern.includes("sha256:") || pattern.includes("sha512:")) return "digest (sha256:<64 hex> or sha512:<128 hex>)";
  return `value (pattern ${pattern})`;
}
function printable(text) {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return clean.length > 200 ? `${clean.slice(0, 200)}\u2026` : clean;
}

// src/schema/image-json.ts
var DIGEST_PATTERN = "^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$";
var DIFF_ID_PATTERN = "^sha256:[a-f0-9]{64}$";
var size = { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
var platformWord = { type: "string", maxLength: 128 };
var mediaType = { type: "string", maxLength: 255 };
var stringMap = { type: "object", additionalProperties: { type: "string" } };
var platform = {
  type: "object",
  required: ["architecture", "os"],
  properties: {
    architecture: platformWord,
    os: platformWord,
    variant: platformWord,
    "os.version": platformWord
  }
};
var descriptor = {
  type: "object",
  required: ["digest"],
  properties: {
    mediaType,
    digest: { type: "string", pattern: DIGEST_PATTERN },
    // Required by the spec; optional here because layerdiff only uses it to cross-check.
    size,
    platform,
    annotations: stringMap
  }
};
var indexSchema = {
  type: "object",
  properties: {
    schemaVersion: { type: "integer" },
    mediaType: { type: "string" },
    // Docker 25 writes `manifests: null` for images it only knows by digest.
    manifests: { type: ["array", "null"], items: descriptor }
  }
};
var manifestSchema = {
  type: "object",
  required: ["config", "layers"],
  properties: {
    schemaVersion: { type: "integer" },
    mediaType: { type: "string" },
    config: descriptor,
    layers: { type: "array", maxItems: MAX_LAYERS, items: descriptor }
  }
};
var configSchema = {
  type: "object",
  required: ["rootfs"],
  properties: {
    architecture: platformWord,
    os: platformWord,
    variant: platformWord,
    rootfs: {
      type: "object",
      required: ["diff_ids"],
      properties: {
        type: { type: "string" },
        diff_ids: { type: "array", maxItems: MAX_LAYERS, items: { type: "string", pattern: DIFF_ID_PATTERN } }
      }
    },
    history: {
      type: "array",
      items: {
        type: "object",
        // The fields layerdiff reads; `created`, `author`, `comment` are left as they come.
        properties: { created_by: { type: "string" }, empty_layer: { type: "boolean" } }
      }
    }
  }
};
var dockerManifestSchema = {
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    required: ["Config", "Layers"],
    properties: {
      Config: { type: "string" },
      RepoTags: { type: ["array", "null"], items: { type: "string" } },
      Layers: { type: "array", maxItems: MAX_LAYERS, items: { type: "string" } },
      LayerSources: { type: "object", additionalProperties: descriptor }
    }
  }
};
var validIndex = lazyValidator(indexSchema);
var validManifest = lazyValidator(manifestSchema);
var validConfig = lazyValidator(configSchema);
var validDockerManifest = lazyValidator(dockerManifestSchema);
function validateImageIndex(data, subject, what) {
  checkShape(validIndex, data, subject, what);
  const index = data;
  return { ...index, manifests: index.manifests ?? null };
}
function validateImageManifest(data, subject, what) {
  checkShape(validManifest, data, subject, what);
  return data;
}
function validateImageConfig(data, subject, what) {
  checkShape(validConfig, data, subject, what);
  return data;
}
function validateDockerManifest(data, subject) {
  checkShape(validDockerManifest, data, subject, "manifest.json");
  return data.map((entry) => ({ ...entry, RepoTags: entry.RepoTags ?? null }));
}

// src/image/manifest-doc.ts
var DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
var DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
var MANIFEST_ACCEPT = [MediaType.ociIndex, MediaType.ociManifest, MediaType.dockerManifestList, MediaType.dockerManifest].join(", ");
function parseManifest(bytes, contentType, subject) {
  const headerType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (headerType === DockerSchema1 || headerType === DockerSchema1Signed) throw schema1Error(subject);
  let data;
  try {
    data = parseJsonBounded(bytes, JsonCap.manifest, subject, "manifest");
  } catch (error) {
    if (error instanceof Error && / is not valid JSON /.test(error.message))
      throw inputError(subject, `manifest is not JSON (Content-Type ${headerType || "none"})`);
    throw error;
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) throw inputError(subject, "manifest is not a JSON object");
  const doc = data;
  if (doc.schemaVersion === 1 || Array.isArray(doc.fsLayers)) throw schema1Error(subject);
  const declared = typeof doc.mediaType === "string" ? doc.mediaType : "";
  const type = isKnown(headerType) ? headerType : declared;
  const looksLikeIndex = type === MediaType.ociIndex || type === MediaType.dockerManifestList || type === "" && Array.isArray(doc.manifests);
  if (looksLikeIndex) {
    if (!Array.isArray(doc.manifests)) throw inputError(subject, 'image index has no "manifests" list');
    return { kind: "index", mediaType: type || MediaType.ociIndex, index: validateImageIndex(data, subject, "image index") };
  }
  const looksLikeManifest = type === MediaType.ociManifest || type === MediaType.dockerManifest || type === "" && Array.isArray(doc.layers);
  if (looksLikeManifest) {
    if (!Array.isArray(doc.layers) || !doc.config || typeof doc.config !== "object") {
      throw inputError(subject, "image manifest has no config or layers");
    }
    return { kind: "manifest", mediaType: type || MediaType.ociManifest, manifest: validateImageManifest(data, subject, "image manifest") };
  }
  throw inputError(subject, `unsupported manifest type ${type || "(none)"}; expected an OCI or Docker v2 image manifest or index`);
}
function isKnown(type) {
  return type === MediaType.ociIndex || type === MediaType.dockerManifestList || type === MediaType.ociManifest || type === MediaType.dockerManifest;
}
function schema1Error(subject) {
  return inputError(
    subject,
    "the registry serves a Docker schema 1 manifest, which layerdiff does not read (it has no layer digests of uncompressed content); push the image again with a current client"
  );
}
function isUncompressedTar(mediaType2) {
  return mediaType2 === MediaType.ociLayerTar || mediaType2 === "application/vnd.docker.image.rootfs.diff.tar";
}

// src/image/config.ts
import { createHash as createHash2 } from "node:crypto";
function layerHistory(config, layerCount) {
  const entries = (config.history ?? []).filter((h) => h && h.empty_layer !== true);
  return Array.from({ length: layerCount }, (_, i) => {
    const createdBy = entries[i]?.created_by;
    return typeof createdBy === "string" ? createdBy : null;
  });
}
function sha256Digest(bytes) {
  return `sha256:${createHash2("sha256").update(bytes).digest("hex")}`;
}

// src/image/digest.ts
import { createHash as createHash3 } from "node:crypto";
var DIGEST = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
function blobPath(digest, subject) {
  if (!DIGEST.test(digest)) throw inputError(subject, `invalid digest ${JSON.stringify(digest.slice(0, 80))}`);
  const [alg, hex] = digest.split(":");
  return `blobs/${alg}/${hex}`;
}
function digestNamedByPath(path4) {
  const blob = /(?:^|\/)blobs\/(sha256\/[0-9a-f]{64}|sha512\/[0-9a-f]{128})$/.exec(path4);
  if (blob) return blob[1].replace("/", ":");
  const named = /(?:^|\/)(sha256:[0-9a-f]{64})$/.exec(path4);
  return named ? named[1] : null;
}
function verifyDigest(bytes, expected, subject, what) {
  const alg = expected.split(":")[0] ?? "";
  const actual = alg === "sha256" ? sha256Digest(bytes) : `${alg}:${createHash3(alg).update(bytes).digest("hex")}`;
  if (actual !== expected) throw inputError(subject, `${what} does not match its digest (expected ${expected}, got ${actual})`);
}

// src/image/name-list.ts
var MAX_NAMES = 20;
var MAX_NAME_LENGTH = 200;
function nameList(names) {
  const shown = names.slice(0, MAX_NAMES).map((n) => n.length > MAX_NAME_LENGTH ? `${n.slice(0, MAX_NAME_LENGTH)}\u2026` : n);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

// src/image/platform.ts
var archAliases = { x64: "amd64", x86_64: "amd64", ia32: "386", aarch64: "arm64", arm: "arm" };
function parsePlatform(text) {
  const parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
    throw usageError(`--platform: "${text}" is not os/arch[/variant] (e.g. linux/amd64, linux/arm/v7)`);
  }
  const [os5, arch, variant] = parts;
  return { os: os5, architecture: archAliases[arch] ?? arch, variant };
}
function formatPlatform(p) {
  const base = `${p.os ?? "unknown"}/${p.architecture ?? "unknown"}`;
  return p.variant ? `${base}/${p.variant}` : base;
}
function hostPlatform() {
  const arch = archAliases[process.arch] ?? process.arch;
  const variant = arch === "arm" ? "v7" : arch === "arm64" ? "v8" : void 0;
  return { os: process.platform === "win32" ? "windows" : "linux", architecture: arch, variant };
}
function platformMatches(wanted, candidate) {
  if (wanted.os !== candidate.os || wanted.architecture !== candidate.architecture) return false;
  if (wanted.variant && candidate.variant && wanted.variant !== candidate.variant) return false;
  if (wanted.variant && !candidate.variant) return wanted.architecture === "arm64" && wanted.variant === "v8";
  return true;
}
function choosePlatform(candidates, platformOf, wanted, describe2) {
  const list = () => nameList(candidates.map((c) => formatPlatform(platformOf(c))));
  if (wanted !== void 0) {
    const spec = parsePlatform(wanted);
    const exact = candidates.find((c) => {
      const p = platformOf(c);
      return p.os === spec.os && p.architecture === spec.architecture && (p.variant ?? "") === (spec.variant ?? "");
    });
    const found = exact ?? candidates.find((c) => platformMatches(spec, platformOf(c)));
    if (found === void 0) {
      throw usageError(`${describe2}: no image for platform ${wanted}; available: ${list()}`);
    }
    return found;
  }
  if (candidates.length === 1) return candidates[0];
  const host = hostPlatform();
  const hostMatch = candidates.find((c) => platformMatches(host, platformOf(c)));
  if (hostMatch !== void 0) return hostMatch;
  throw namingError(
    "usage",
    (name) => `${describe2}: several platforms and none is the host's (${formatPlatform(host)}); choose one with ${name("platform")}: ${list()}`
  );
}

// src/image/resolved.ts
function configPlatform(config) {
  return { os: config.os ?? "unknown", architecture: config.architecture ?? "unknown", variant: config.variant };
}
function checkConfig(data, subject, what) {
  return validateImageConfig(data, subject, what);
}

// src/image/image-names.ts
function normalizeImageName(name) {
  let rest = name.trim();
  let digest = "";
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at);
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf("/");
  const lastColon = rest.lastIndexOf(":");
  if (lastColon <= lastSlash && digest === "") rest += ":latest";
  rest = rest.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "");
  rest = rest.replace(/^library\/(?=[^/]+$|[^/]+[:@])/, "");
  return rest + digest;
}
function nameMatches(wanted, names) {
  const target = normalizeImageName(wanted);
  return names.some((name) => name === wanted || normalizeImageName(name) === target);
}

// src/image/docker-manifest.ts
function parseDockerManifest(data, subject) {
  if (Array.isArray(data) && data.length === 0) throw inputError(subject, "manifest.json lists no images");
  return validateDockerManifest(data, subject);
}
function describeEntry(entry) {
  return entry.RepoTags && entry.RepoTags.length > 0 ? entry.RepoTags.join(" ") : `untagged (${entry.Config})`;
}
function selectDockerEntry(entries, wanted, subject) {
  if (wanted !== void 0) {
    const found = entries.find((e) => nameMatches(wanted, e.RepoTags ?? []));
    if (!found) throw usageError(`${subject}: no image tagged ${wanted}; the archive holds: ${nameList(entries.map(describeEntry))}`);
    return found;
  }
  if (entries.length === 1) return entries[0];
  throw namingError(
    "usage",
    (name) => `${subject}: the archive holds ${entries.length} images; choose one with ${name("image")}: ${nameList(entries.map(describeEntry))}`
  );
}
async function resolveDockerManifest(store, options2, format) {
  const subject = store.subject;
  const entries = await readDockerManifest(store);
  const entry = selectDockerEntry(entries, options2.image, subject);
  const configDoc = await store.readSmall({ path: entry.Config }, "blob", JsonCap.config, `config ${entry.Config}`);
  if (configDoc === null) throw inputError(subject, `missing config ${entry.Config} (listed in manifest.json)`);
  const configBytes = configDoc.bytes;
  const named = digestNamedByPath(entry.Config) ?? digestNamedByPath(configDoc.location);
  if (named !== null) verifyDigest(configBytes, named, subject, `config ${entry.Config}`);
  const config = checkConfig(parseJsonBounded(configBytes, JsonCap.config, subject, `config ${entry.Config}`), subject, `config ${entry.Config}`);
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== entry.Layers.length) {
    throw inputError(subject, `manifest.json lists ${entry.Layers.length} layers for ${describeEntry(entry)} but its config has ${diffIds.length} diff_ids`);
  }
  const platform2 = configPlatform(config);
  choosePlatform([platform2], (p) => p, options2.platform, subject);
  const history = layerHistory(config, diffIds.length);
  const layers = [];
  for (const [i, layerPath] of entry.Layers.entries()) {
    const blob = await store.stat({ path: layerPath });
    if (blob === null) throw inputError(subject, `missing layer blob ${layerPath} (layer ${i + 1} in manifest.json)`);
    const digest = digestNamedByPath(layerPath) ?? digestNamedByPath(blob.location);
    const described = digest === null ? void 0 : layerSource(entry, digest);
    layers.push({ blob, diffId: diffIds[i], digest, mediaType: described?.mediaType ?? null, createdBy: history[i] ?? null });
  }
  const tarball = entry.Config.startsWith("sha256:") || entry.Layers.some((l) => l.endsWith(".tar.gz"));
  return {
    format: format ?? (tarball ? "tarball" : "docker-legacy"),
    tags: entry.RepoTags ?? [],
    platform: formatPlatform(platform2),
    manifestDigest: null,
    config,
    configDigest: sha256Digest(configBytes),
    layers
  };
}
async function readDockerManifest(store) {
  const doc = await store.readSmall({ path: DOCKER_MANIFEST_FILE }, "manifest", JsonCap.manifest, "manifest.json");
  if (doc === null) throw inputError(store.subject, "manifest.json is not a regular file");
  return parseDockerManifest(parseJsonBounded(doc.bytes, JsonCap.manifest, store.subject, "manifest.json"), store.subject);
}
function layerSource(entry, digest) {
  return Object.values(entry.LayerSources ?? {}).find((d) => d && d.digest === digest);
}
async function dockerTagsForConfig(store, configDigest) {
  try {
    const entries = await readDockerManifest(store);
    return entries.filter((e) => digestNamedByPath(e.Config) === configDigest).flatMap((e) => e.RepoTags ?? []);
  } catch {
    return [];
  }
}

// src/image/index-walk.ts
var MAX_INDEX_DEPTH = 4;
var MAX_INDEX_ENTRIES = 1e4;
function isAttestation(descriptor2) {
  if (descriptor2.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") return true;
  return descriptor2.platform?.os === "unknown" && descriptor2.platform.architecture === "unknown";
}
var IMAGE_MANIFEST_TYPES = /* @__PURE__ */ new Set([MediaType.ociManifest, MediaType.dockerManifest]);
var INDEX_TYPES = /* @__PURE__ */ new Set([MediaType.ociIndex, MediaType.dockerManifestList]);
function parseIndex(data, subject, what) {
  return validateImageIndex(data, subject, what);
}
async function readDescribed(store, descriptor2, what, cap2 = JsonCap.manifest, role = "manifest") {
  const blob = await store.readSmall({ digest: descriptor2.digest }, role, cap2, what);
  if (blob === null) return null;
  if (typeof descriptor2.size === "number" && descriptor2.size !== blob.bytes.length) {
    throw inputError(store.subject, `${what} is ${blob.bytes.length} bytes but its descriptor says ${descriptor2.size}`);
  }
  verifyDigest(blob.bytes, descriptor2.digest, store.subject, what);
  return { ...blob, data: parseJsonBounded(blob.bytes, cap2, store.subject, what) };
}
async function walkIndex(store, index) {
  const result = { candidates: [], absent: [], nested: false };
  await visit(store, index.manifests ?? [], [], 0, { result, visited: 0, documents: /* @__PURE__ */ new Map(), checked: /* @__PURE__ */ new Map() });
  return result;
}
async function visit(store, descriptors, names, depth, state) {
  const subject = store.subject;
  if (depth > MAX_INDEX_DEPTH) throw inputError(subject, `image indexes nested more than ${MAX_INDEX_DEPTH} deep`);
  const { result } = state;
  for (const descriptor2 of descriptors) {
    if (++state.visited > MAX_INDEX_ENTRIES) throw inputError(subject, `image indexes list more than ${MAX_INDEX_ENTRIES} entries`);
    if (!descriptor2 || typeof descriptor2 !== "object" || typeof descriptor2.digest !== "string") {
      throw inputError(subject, "an image index lists a descriptor without a digest");
    }
    if (isAttestation(descriptor2)) continue;
    const ownNames = RefNameAnnotations.map((key2) => descriptor2.annotations?.[key2]).filter((n) => typeof n === "string" && n !== "");
    const allNames = [...names, ...ownNames];
    if (store.locality === "remote" && descriptor2.mediaType !== void 0 && !INDEX_TYPES.has(descriptor2.mediaType)) {
      if (IMAGE_MANIFEST_TYPES.has(descriptor2.mediaType))
        result.candidates.push({ digest: descriptor2.digest, descriptor: descriptor2, manifest: null, platform: descriptor2.platform, names: allNames });
      continue;
    }
    let found = state.documents.get(descriptor2.digest);
    if (found === void 0) {
      found = await readDescribed(store, descriptor2, `manifest ${descriptor2.digest}`);
      state.documents.set(descriptor2.digest, found);
    } else if (found !== null && typeof descriptor2.size === "number" && descriptor2.size !== found.bytes.length) {
      throw inputError(subject, `manifest ${descriptor2.digest} is ${found.bytes.length} bytes but its descriptor says ${descriptor2.size}`);
    }
    if (found === null) {
      result.absent.push(descriptor2.digest);
      continue;
    }
    const data = found.data;
    const mediaType2 = descriptor2.mediaType ?? (typeof data?.mediaType === "string" ? data.mediaType : void 0);
    const isIndex = mediaType2 !== void 0 && INDEX_TYPES.has(mediaType2) || mediaType2 === void 0 && Array.isArray(data?.manifests);
    if (isIndex) {
      result.nested = true;
      const key2 = `index:${descriptor2.digest}`;
      const nested = state.checked.get(key2) ?? parseIndex(data, subject, `index ${descriptor2.digest}`);
      state.checked.set(key2, nested);
      await visit(store, nested.manifests ?? [], allNames, depth + 1, state);
      continue;
    }
    const shape = data;
    const declaresManifest = mediaType2 !== void 0 && IMAGE_MANIFEST_TYPES.has(mediaType2);
    const looksLikeManifest = shape !== null && typeof shape === "object" && typeof shape.config === "object" && shape.config !== null && Array.isArray(shape.layers);
    if (!declaresManifest && !looksLikeManifest) continue;
    const key = `manifest:${descriptor2.digest}`;
    const manifest = state.checked.get(key) ?? validateImageManifest(data, subject, `manifest ${descriptor2.digest}`);
    state.checked.set(key, manifest);
    if (!isImageConfigType(manifest.config.mediaType)) continue;
    result.candidates.push({ digest: descriptor2.digest, descriptor: descriptor2, manifest, platform: descriptor2.platform, names: allNames });
  }
}
function isImageConfigType(configType) {
  return configType === void 0 || configType === MediaType.ociConfig || configType === MediaType.dockerConfig;
}

// src/image/resolve.ts
async function resolveImage(store, options2) {
  const top = await store.top();
  return top.kind === "files" ? resolveFiles(store, top, options2) : resolveDocument(store, top, options2);
}
async function resolveFiles(store, top, options2) {
  const subject = store.subject;
  if (top.index && (top.layout || !top.dockerManifest)) {
    const doc = await store.readSmall({ path: OCI_INDEX_FILE }, "manifest", JsonCap.index, "index.json");
    if (doc === null) throw inputError(subject, "index.json is not a regular file");
    const index = parseIndex(parseJsonBounded(doc.bytes, JsonCap.index, subject, "index.json"), subject, "index.json");
    if ((index.manifests ?? []).length > 0 || !top.dockerManifest) {
      return resolveIndex(store, options2, index, { what: "index.json", dockerManifest: top.dockerManifest, layout: true });
    }
  }
  if (top.dockerManifest) return resolveDockerManifest(store, options2, top.index ? "docker-oci" : null);
  throw inputError(subject, "not a supported image archive: no manifest.json or index.json");
}
async function resolveDocument(store, top, options2) {
  const parsed = parseManifest(top.blob.bytes, top.blob.contentType, store.subject);
  if (parsed.kind === "index") {
    const image2 = await resolveIndex(store, options2, parsed.index, { what: "image index", dockerManifest: false, layout: false });
    return { ...image2, tags: top.tags };
  }
  const candidate = {
    digest: top.digest,
    descriptor: { digest: top.digest, size: top.blob.bytes.length },
    manifest: parsed.manifest,
    platform: void 0,
    names: []
  };
  const image = await imageOf(store, candidate, null, `manifest ${top.digest}`);
  choosePlatform([image.config], configPlatform, options2.platform, store.subject);
  return { ...image, format: null, tags: top.tags };
}
async function resolveIndex(store, options2, index, context) {
  const prepared = await prepareIndex(store, options2, index, context);
  return prepared.resolve(choosePlatform(prepared.pool, prepared.platformOf, options2.platform, store.subject));
}
async function prepareIndex(store, options2, index, context) {
  const subject = store.subject;
  const local = store.locality === "local";
  const walk = await walkIndex(store, index);
  if (walk.candidates.length === 0) {
    if (walk.absent.length > 0) throw inputError(subject, `missing blob ${blobPath(walk.absent[0], subject)} (a manifest listed in ${context.what})`);
    throw inputError(subject, `${context.what} lists no image manifests`);
  }
  let pool = walk.candidates;
  let configs = /* @__PURE__ */ new Map();
  if (local) {
    pool = await completeImages(store, pool);
    pool = chooseByName(pool, options2.image, subject);
    configs = await readConfigs(store, pool);
  }
  const platformOf = (c) => {
    const config = configs.get(c.digest)?.config;
    const p = c.platform ?? { os: config?.os ?? "unknown", architecture: config?.architecture ?? "unknown", variant: config?.variant };
    return { os: p.os, architecture: p.architecture, variant: p.variant };
  };
  const resolve = async (chosen) => {
    const image = await imageOf(store, chosen, configs.get(chosen.digest) ?? null, `manifest ${chosen.digest}`);
    let tags = chosen.names;
    if (context.dockerManifest) tags = unique([...await dockerTagsForConfig(store, chosen.manifest.config.digest), ...tags]);
    return {
      ...image,
      format: context.layout ? walk.nested ? "containerd" : context.dockerManifest ? "docker-oci" : "oci" : null,
      tags: tidyTags(tags),
      platform: formatPlatform(chosen.platform ?? configPlatform(image.config))
    };
  };
  return { pool, platformOf, resolve };
}
async function listPlatforms(store, options2) {
  const top = await store.top();
  const subject = store.subject;
  let prepared = null;
  if (top.kind === "files" && top.index && (top.layout || !top.dockerManifest)) {
    const doc = await store.readSmall({ path: OCI_INDEX_FILE }, "manifest", JsonCap.index, "index.json");
    if (doc === null) throw inputError(subject, "index.json is not a regular file");
    const index = parseIndex(parseJsonBounded(doc.bytes, JsonCap.index, subject, "index.json"), subject, "index.json");
    if ((index.manifests ?? []).length > 0 || !top.dockerManifest) {
      prepared = await prepareIndex(store, options2, index, { what: "index.json", dockerManifest: top.dockerManifest, layout: true });
    }
  } else if (top.kind === "document") {
    const parsed = parseManifest(top.blob.bytes, top.blob.contentType, subject);
    if (parsed.kind === "index") {
      const index = await prepareIndex(store, options2, parsed.index, { what: "image index", dockerManifest: false, layout: false });
      prepared = { ...index, resolve: async (c) => ({ ...await index.resolve(c), tags: top.tags }) };
    }
  }
  if (prepared === null) {
    const image = await resolveImage(store, options2);
    return { platforms: [image.platform], duplicates: 0, resolve: async () => image };
  }
  const { pool, platformOf, resolve } = prepared;
  const byPlatform = /* @__PURE__ */ new Map();
  let duplicates = 0;
  for (const candidate of pool) {
    const name = formatPlatform(platformOf(candidate));
    const first = byPlatform.get(name);
    if (first === void 0) byPlatform.set(name, candidate);
    else if (first.digest !== candidate.digest) duplicates += 1;
  }
  return {
    platforms: [...byPlatform.keys()],
    duplicates,
    resolve: (platform2) => {
      const chosen = byPlatform.get(platform2);
      if (chosen === void 0) throw usageError(`${subject}: no image for platform ${platform2}; available: ${nameList([...byPlatform.keys()])}`);
      return resolve(chosen);
    }
  };
}
async function completeImages(store, candidates) {
  const complete = [];
  let firstMissing = null;
  const absentByManifest = /* @__PURE__ */ new Map();
  for (const candidate of candidates) {
    let missing = absentByManifest.get(candidate.digest);
    if (missing === void 0) {
      missing = await firstAbsentBlob(store, candidate);
      absentByManifest.set(candidate.digest, missing);
    }
    if (missing === null) complete.push(candidate);
    else firstMissing ??= `missing blob ${missing.path} (${missing.role} of manifest ${candidate.digest})`;
  }
  if (complete.length === 0) throw inputError(store.subject, firstMissing ?? "no complete image in the archive");
  return complete;
}
function chooseByName(candidates, wanted, subject) {
  if (wanted !== void 0) {
    const pool = candidates.filter((c) => nameMatches(wanted, c.names));
    if (pool.length === 0) throw usageError(`${subject}: no image named ${wanted}; the archive holds: ${describeCandidates(candidates)}`);
    return pool;
  }
  const distinct = new Set(candidates.map((c) => c.names.join(" ")));
  if (distinct.size > 1 && [...distinct].every((n) => n !== "")) {
    throw namingError("usage", (name) => `${subject}: the archive holds ${distinct.size} images; choose one with ${name("image")}: ${nameList([...distinct])}`);
  }
  return candidates;
}
async function readConfigs(store, pool) {
  const configs = /* @__PURE__ */ new Map();
  for (const candidate of pool) {
    if (!configs.has(candidate.digest)) configs.set(candidate.digest, await readConfig(store, candidate));
  }
  return configs;
}
async function readConfig(store, candidate) {
  const descriptor2 = candidate.manifest.config;
  const what = `config ${descriptor2.digest}`;
  const doc = await readDescribed(store, descriptor2, what, JsonCap.config, "blob");
  if (doc === null) throw inputError(store.subject, `missing blob ${blobPath(descriptor2.digest, store.subject)} (config of manifest ${candidate.digest})`);
  return { bytes: doc.bytes, config: checkConfig(doc.data, store.subject, what) };
}
async function imageOf(store, candidate, read, what) {
  const subject = store.subject;
  if (candidate.manifest === null) {
    const doc = await readDescribed(store, candidate.descriptor, what);
    if (doc === null) throw inputError(subject, `missing ${what}`);
    const manifest2 = validateImageManifest(doc.data, subject, what);
    if (!isImageConfigType(manifest2.config.mediaType)) throw inputError(subject, `${what} is not an image (its config is ${manifest2.config.mediaType})`);
    candidate = { ...candidate, manifest: manifest2 };
  }
  const manifest = candidate.manifest;
  const { bytes: configBytes, config } = read ?? await readConfig(store, candidate);
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length) {
    throw inputError(subject, `manifest ${candidate.digest} lists ${manifest.layers.length} layers but its config has ${diffIds.length} diff_ids`);
  }
  const history = layerHistory(config, diffIds.length);
  const layers = [];
  for (const [i, descriptor2] of manifest.layers.entries()) {
    if (!descriptor2 || typeof descriptor2.digest !== "string") throw inputError(subject, `manifest ${candidate.digest}: layer ${i + 1} has no digest`);
    const blob = await store.stat({ digest: descriptor2.digest });
    if (blob === null) throw inputError(subject, `missing blob ${blobPath(descriptor2.digest, subject)} (layer ${i + 1} of manifest ${candidate.digest})`);
    if (blob.size !== null && typeof descriptor2.size === "number" && descriptor2.size !== blob.size) {
      throw inputError(subject, `layer blob ${blobPath(descriptor2.digest, subject)} is ${blob.size} bytes but the manifest says ${descriptor2.size}`);
    }
    const size2 = blob.size ?? (typeof descriptor2.size === "number" ? descriptor2.size : null);
    layers.push({
      blob: { ...blob, size: size2 },
      diffId: diffIds[i],
      digest: descriptor2.digest,
      mediaType: descriptor2.mediaType ?? null,
      createdBy: history[i] ?? null
    });
  }
  return { platform: formatPlatform(configPlatform(config)), manifestDigest: candidate.digest, config, configDigest: sha256Digest(configBytes), layers };
}
async function firstAbsentBlob(store, candidate) {
  const manifest = candidate.manifest;
  const config = manifest.config;
  if (typeof config.digest !== "string") throw inputError(store.subject, `manifest ${candidate.digest} has a config without a digest`);
  const configPath = blobPath(config.digest, store.subject);
  if (await store.stat({ digest: config.digest }) === null) return { path: configPath, role: "config" };
  for (const [i, layer] of manifest.layers.entries()) {
    if (!layer || typeof layer.digest !== "string") throw inputError(store.subject, `manifest ${candidate.digest}: layer ${i + 1} has no digest`);
    const path4 = blobPath(layer.digest, store.subject);
    if (await store.stat({ digest: layer.digest }) === null) return { path: path4, role: `layer ${i + 1}` };
  }
  return null;
}
function describeCandidates(candidates) {
  return nameList(unique(candidates.map((c) => c.names.length > 0 ? c.names.join(" ") : `untagged ${c.digest.slice(0, 19)}`)));
}
function tidyTags(tags) {
  const full = tags.filter((t) => t.includes(":") || t.includes("/"));
  const chosen = full.length > 0 ? full : tags;
  const seen = /* @__PURE__ */ new Set();
  return chosen.filter((t) => {
    const key = normalizeImageName(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function unique(values) {
  return [...new Set(values)];
}

// src/sources/image-handle.ts
async function handleFromBlobStore(store, source, options2) {
  let image;
  try {
    image = await resolveImage(store, options2);
  } catch (error) {
    await store.close();
    throw error;
  }
  return wrapResolved(store, image, source, () => store.close());
}
async function imageSetFromBlobStore(store, source, options2) {
  let listed;
  try {
    listed = await listPlatforms(store, options2);
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    reference: source.reference,
    platforms: listed.platforms,
    duplicates: listed.duplicates,
    async open(platform2) {
      return wrapResolved(store, await listed.resolve(platform2), source, async () => void 0);
    },
    close: () => store.close()
  };
}
function wrapResolved(store, image, source, release) {
  const count = image.layers.length;
  const layers = image.layers.map((layer, index) => {
    const { blob } = layer;
    const compression = blob.head !== null ? sniffCompression(blob.head) : compressionFromMediaType(layer.mediaType ?? void 0);
    const plain2 = blob.head !== null ? compression === "none" : isUncompressedTar(layer.mediaType ?? void 0);
    return {
      index,
      diffId: layer.diffId,
      digest: layer.digest,
      mediaType: layer.mediaType,
      storedSize: blob.size,
      compression,
      uncompressedSize: plain2 ? blob.size : null,
      createdBy: layer.createdBy,
      open: () => store.open(blob, `layer ${index + 1}/${count} (${layer.digest ?? layer.diffId})`)
    };
  });
  let closed = false;
  return {
    source: { ...source, ...image.format !== null ? { format: image.format } : {}, ...image.tags !== null ? { tags: image.tags } : {} },
    platform: image.platform,
    manifestDigest: image.manifestDigest,
    configDigest: image.configDigest,
    config: image.config,
    layers,
    async close() {
      if (closed) return;
      closed = true;
      await release();
    }
  };
}

// src/sources/archive/entry-blob-store.ts
function entryBlobStore(store) {
  const subject = store.subject;
  const files = /* @__PURE__ */ new Map();
  const pathOf = (key) => "digest" in key ? blobPath(key.digest, subject) : key.path;
  return {
    subject,
    locality: "local",
    async top() {
      const [index, layout, dockerManifest] = await Promise.all([
        store.exists(OCI_INDEX_FILE),
        store.exists(OCI_LAYOUT_FILE),
        store.exists(DOCKER_MANIFEST_FILE)
      ]);
      if (index || dockerManifest) return { kind: "files", index, layout, dockerManifest };
      if (await store.exists("repositories")) {
        throw inputError(subject, "not a supported image archive: no manifest.json or index.json (pre-1.10 docker save without manifest.json?)");
      }
      const names = (await store.sampleNames()).slice(0, 5);
      throw inputError(subject, `not a supported image archive: no manifest.json or index.json${names.length > 0 ? ` (it holds: ${names.join(", ")})` : ""}`);
    },
    async readSmall(key, _role, cap2, what) {
      const file = await store.resolve(pathOf(key));
      if (file === null) return null;
      if (file.size > cap2) throw inputError(subject, `${what} is too large (${file.size} bytes, limit ${cap2})`);
      return { bytes: await store.readSmall(file), location: file.path };
    },
    async stat(key) {
      const file = await store.resolve(pathOf(key));
      if (file === null) return null;
      files.set(file.path, file);
      return { location: file.path, size: file.size, head: file.head };
    },
    async open(blob) {
      const file = files.get(blob.location);
      if (file === void 0) throw inputError(subject, `"${blob.location}" was not located before being opened`);
      return store.open(file);
    },
    close: () => store.close()
  };
}

// src/sources/archive/directory-store.ts
import { lstat, readdir, realpath } from "node:fs/promises";
import path from "node:path";
import { Readable as Readable2 } from "node:stream";

// src/sources/archive/archive-path.ts
import { posix } from "node:path";
var MAX_LINK_HOPS = 16;
function normalizeArchivePath(raw) {
  if (raw === "") return "";
  const absolute = raw.startsWith("/");
  let normalized2 = posix.normalize(raw);
  if (normalized2.endsWith("/") && normalized2.length > 1) normalized2 = normalized2.slice(0, -1);
  if (normalized2 === "." || normalized2 === "./") return "";
  if (!absolute) normalized2 = normalized2.replace(/^(\.\/)+/, "");
  return normalized2;
}
function escapesArchive(normalized2) {
  return normalized2.startsWith("/") || normalized2 === ".." || normalized2.startsWith("../");
}
function symlinkTarget(linkPath, target) {
  if (target.startsWith("/")) return normalizeArchivePath(target);
  return normalizeArchivePath(posix.join(posix.dirname(linkPath), target));
}
function resolveLinks(start, lookup2) {
  let path4 = normalizeArchivePath(start);
  const seen = [];
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    if (escapesArchive(path4)) {
      return {
        ok: false,
        reason: "escape",
        path: path4,
        detail: hop === 0 ? `path "${start}" points outside the archive` : `link chain ${[...seen, path4].join(" -> ")} points outside the archive`
      };
    }
    const entry = lookup2(path4);
    if (entry === void 0) return { ok: false, reason: "missing", path: path4 };
    seen.push(path4);
    switch (entry.kind) {
      case "file":
        return { ok: true, path: path4, entry };
      case "symlink":
        path4 = symlinkTarget(path4, entry.linkpath ?? "");
        break;
      case "hardlink":
        path4 = normalizeArchivePath(entry.linkpath ?? "");
        break;
      default:
        return { ok: false, reason: "not-a-file", path: path4, detail: `"${path4}" is a ${entry.kind}, not a file` };
    }
  }
  return {
    ok: false,
    reason: "loop",
    path: path4,
    detail: `symlink loop or chain longer than ${MAX_LINK_HOPS} hops at "${start}" (${seen.slice(0, 4).join(" -> ")} -> ...)`
  };
}

// src/sources/archive/entry-store.ts
var MAX_JSON_BYTES = Math.max(JsonCap.manifest, JsonCap.index, JsonCap.config);
var TarIndex = class {
  constructor(entries, subject) {
    this.subject = subject;
    for (const entry of entries) this.byPath.set(entry.path, entry);
  }
  subject;
  byPath = /* @__PURE__ */ new Map();
  has(path4) {
    return this.byPath.has(normalizeArchivePath(path4));
  }
  resolve(path4) {
    const found = resolveLinks(path4, (p) => this.byPath.get(p));
    if (found.ok) return found.entry;
    if (found.reason === "missing") return null;
    throw inputError(this.subject, found.detail);
  }
  names() {
    return [...new Set([...this.byPath.keys()].map((p) => p.split("/")[0] ?? p))].filter((p) => p !== "");
  }
};
function checkSmall(subject, file) {
  if (file.size > MAX_JSON_BYTES) {
    throw inputError(subject, `"${file.path}" is ${file.size} bytes, too large for an image manifest or config (limit ${MAX_JSON_BYTES})`);
  }
}

// src/sources/regular-file.ts
import { constants } from "node:fs";
import { open, stat } from "node:fs/promises";
var OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;
async function openRegularFile(path4, subject, options2 = {}) {
  const before = await stat(path4).catch((error) => {
    throw openFailure(path4, subject, error, options2);
  });
  checkKind(before, subject, options2);
  let handle;
  try {
    handle = await open(path4, OPEN_FLAGS);
  } catch (error) {
    throw openFailure(path4, subject, error, options2);
  }
  try {
    const info = await handle.stat();
    checkKind(info, subject, options2);
    if (options2.maxBytes !== void 0 && info.size > options2.maxBytes) {
      const why = options2.tooLargeReason ? `; ${options2.tooLargeReason}` : "";
      throw inputError(subject, `file is too large (${info.size} bytes, limit ${options2.maxBytes}${why})`);
    }
    return { handle, size: info.size };
  } catch (error) {
    await handle.close().catch(() => void 0);
    throw error;
  }
}
async function readRegularFile(path4, subject, options2) {
  const { handle, size: size2 } = await openRegularFile(path4, subject, options2);
  try {
    const buffer = Buffer.alloc(Math.min(size2, options2.maxBytes) + 1);
    let filled = 0;
    for (; ; ) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > options2.maxBytes) throw inputError(subject, `file is too large (it grew past ${options2.maxBytes} bytes while being read)`);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close().catch(() => void 0);
  }
}
function specialFileKind(info) {
  if (info.isFile()) return null;
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isSymbolicLink()) return "a symbolic link";
  return "something other than a regular file";
}
function checkKind(info, subject, options2) {
  const kind = specialFileKind(info);
  if (kind === null) return;
  if (kind === "a directory") throw inputError(subject, options2.directoryReason ?? "is a directory, not a file");
  throw inputError(subject, `is ${kind}, not a regular file`);
}
function openFailure(path4, subject, error, options2) {
  if (error instanceof LayerdiffError) return error;
  const code = error.code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new LayerdiffError("not-found", `${subject}: ${options2.missingReason ?? "no such file or directory"}`, { subject, cause: error });
  }
  if (code === "ENXIO") return inputError(subject, "is a socket or device with nothing behind it, not a regular file", error);
  if (code === "EACCES" || code === "EPERM") return inputError(subject, "permission denied", error);
  if (code === "ELOOP") return inputError(subject, "too many levels of symbolic links", error);
  return inputError(subject, `cannot open ${JSON.stringify(path4)}: ${error.message}`, error);
}

// src/sources/archive/directory-store.ts
async function openDirectoryStore(dir, subject) {
  let root;
  try {
    root = await realpath(dir);
    if (!(await lstat(root)).isDirectory()) throw inputError(subject, "not a directory");
  } catch (error) {
    if (error instanceof LayerdiffError) throw error;
    const code = error.code;
    throw new LayerdiffError("not-found", `${subject}: ${code === "ENOENT" ? "no such directory" : error.message}`, { subject });
  }
  function inside(relative) {
    const normalized2 = normalizeArchivePath(relative);
    if (escapesArchive(normalized2)) throw inputError(subject, `path "${relative}" points outside the layout directory`);
    return path.join(root, normalized2);
  }
  async function resolve(relative) {
    const full = inside(relative);
    let real;
    try {
      real = await realpath(full);
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT" || code === "ENOTDIR") return null;
      if (code === "ELOOP") throw inputError(subject, `symlink loop at "${relative}"`);
      throw inputError(subject, `cannot read "${relative}": ${error.message}`);
    }
    if (real !== root && !real.startsWith(root + path.sep)) throw inputError(subject, `"${relative}" is a link that points outside the layout directory`);
    const info = await lstat(real);
    if (!info.isFile()) throw inputError(subject, `"${relative}" is ${specialFileKind(info) ?? "not a regular file"}, not a regular file`);
    const { handle } = await openRegularFile(real, `${subject}: "${relative}"`);
    try {
      const head = Buffer.alloc(Math.min(MAGIC_BYTES, info.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      stats.archiveBytesRead += bytesRead;
      return { path: path.relative(root, real).split(path.sep).join("/"), size: info.size, head: head.subarray(0, bytesRead) };
    } finally {
      await handle.close();
    }
  }
  return {
    subject,
    async exists(relative) {
      try {
        await lstat(inside(relative));
        return true;
      } catch (error) {
        if (error instanceof LayerdiffError) throw error;
        return false;
      }
    },
    resolve,
    async readSmall(file) {
      checkSmall(subject, file);
      const full = inside(file.path);
      const { handle } = await openRegularFile(full, `${subject}: "${file.path}"`);
      try {
        const buffer = Buffer.alloc(file.size);
        let filled = 0;
        while (filled < file.size) {
          const { bytesRead } = await handle.read(buffer, filled, file.size - filled, filled);
          if (bytesRead === 0) throw inputError(subject, `"${file.path}" shrank while being read`);
          filled += bytesRead;
        }
        stats.archiveBytesRead += filled;
        return buffer;
      } finally {
        await handle.close();
      }
    },
    async open(file) {
      if (file.size === 0) return Readable2.from([]);
      const { handle } = await openRegularFile(inside(file.path), `${subject}: "${file.path}"`);
      const stream = handle.createReadStream({ highWaterMark: 1024 * 1024 });
      stream.on("data", (chunk) => {
        stats.archiveBytesRead += chunk.length;
      });
      return stream;
    },
    async sampleNames() {
      return (await readdir(root)).sort();
    },
    close: async () => void 0
  };
}

// src/sources/archive/decompressed-spool.ts
import { rmSync } from "node:fs";
import { mkdtemp, open as open2, rm } from "node:fs/promises";
import os3 from "node:os";
import path2 from "node:path";
import { Transform as Transform3, Writable as Writable3 } from "node:stream";
import { pipeline as pipeline2 } from "node:stream/promises";
async function spoolDecompressed(archive, compression, subject, limits = defaultBombLimits) {
  let decompressor;
  try {
    decompressor = createDecompressor(compression);
  } catch (error) {
    throw inputError(subject, error.message);
  }
  return fillSpool(async (target) => {
    let storedBytes = 0;
    let length = 0;
    const counter = new Transform3({
      transform(chunk, _encoding, done) {
        storedBytes += chunk.length;
        stats.archiveBytesRead += chunk.length;
        done(null, chunk);
      }
    });
    const sink = new Writable3({
      highWaterMark: 1024 * 1024,
      write(chunk, _encoding, done) {
        const bomb = bombReason(limits, compression, length + chunk.length, storedBytes);
        if (bomb !== null) {
          done(inputError(subject, `${compression} archive: ${bomb}`));
          return;
        }
        target.write(chunk, 0, chunk.length, length).then(() => {
          length += chunk.length;
          done();
        }, done);
      }
    });
    try {
      await pipeline2(archive.createReadStream({ start: 0, highWaterMark: 64 * 1024, autoClose: false, emitClose: false }), counter, decompressor, sink);
    } catch (error) {
      if (isLayerdiffError(error)) throw error;
      const code = error.code;
      if (code === "ENOSPC" || code === "EDQUOT")
        throw inputError(subject, `no space left in ${os3.tmpdir()} to decompress the archive (${length} bytes written)`, error);
      throw inputError(subject, `corrupt ${compression} archive: ${describeStreamError(error)}`, error);
    }
    return length;
  });
}
async function spoolStream(source, subject, describeFailure) {
  return fillSpool(async (target) => {
    let length = 0;
    try {
      for await (const chunk of source) {
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await target.write(chunk, written, chunk.length - written, length + written);
          written += bytesWritten;
        }
        length += chunk.length;
      }
    } catch (error) {
      if (isLayerdiffError(error)) throw error;
      const code = error.code;
      if (code === "ENOSPC" || code === "EDQUOT")
        throw inputError(subject, `no space left in ${os3.tmpdir()} to hold the image (${length} bytes written)`, error);
      throw describeFailure(error);
    }
    return length;
  });
}
async function fillSpool(fill) {
  const dir = await mkdtemp(path2.join(os3.tmpdir(), "layerdiff-spool-"));
  const file = path2.join(dir, "archive.tar");
  let handle = null;
  let named = true;
  const removeNow = () => rmSync(dir, { recursive: true, force: true });
  const unname = async () => {
    if (!named) return;
    named = false;
    process.removeListener("exit", removeNow);
    await rm(dir, { recursive: true, force: true });
  };
  process.once("exit", removeNow);
  try {
    handle = await open2(file, "w+", 384);
    await unname().catch(() => {
      named = true;
      process.once("exit", removeNow);
    });
    const length = await fill(handle);
    const spooled = handle;
    return {
      handle: spooled,
      length,
      async close() {
        await spooled.close().catch(() => void 0);
        await unname().catch(() => void 0);
      }
    };
  } catch (error) {
    await handle?.close().catch(() => void 0);
    await unname().catch(() => void 0);
    throw error;
  }
}

// src/sources/archive/tar-stores.ts
import { Readable as Readable3 } from "node:stream";

// src/sources/archive/byte-reader.ts
var FileByteReader = class {
  constructor(handle, length) {
    this.handle = handle;
    this.length = length;
  }
  handle;
  length;
  position = 0;
  window = Buffer.alloc(0);
  windowAt = 0;
  /** Consecutive skips short enough that the next header was probably already in a window. */
  closeSkips = 0;
  async read(n) {
    const wanted = Math.max(0, Math.min(n, this.length - this.position));
    const offset = this.position - this.windowAt;
    if (offset >= 0 && offset + wanted <= this.window.length) {
      this.position += wanted;
      return Buffer.from(this.window.subarray(offset, offset + wanted));
    }
    const readAhead = this.closeSkips >= READ_AHEAD_AFTER ? READ_AHEAD_BYTES : 0;
    const span = Math.max(0, Math.min(Math.max(wanted, readAhead), this.length - this.position));
    const buffer = Buffer.alloc(span);
    let filled = 0;
    while (filled < span) {
      const { bytesRead } = await this.handle.read(buffer, filled, span - filled, this.position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    stats.archiveBytesRead += filled;
    const got = Math.min(filled, wanted);
    if (span > wanted) {
      this.window = buffer.subarray(0, filled);
      this.windowAt = this.position;
      this.position += got;
      return Buffer.from(buffer.subarray(0, got));
    }
    this.position += got;
    return got === span ? buffer : buffer.subarray(0, got);
  }
  async skip(n) {
    const skipped = Math.max(0, Math.min(n, this.length - this.position));
    this.position += skipped;
    this.closeSkips = skipped <= CLOSE_SKIP_BYTES ? this.closeSkips + 1 : 0;
    return skipped;
  }
};
var CLOSE_SKIP_BYTES = 4096;
var READ_AHEAD_AFTER = 64;
var READ_AHEAD_BYTES = 64 * 1024;

// src/sources/archive/tar-walk.ts
var NOT_TAR = "not a tar archive (and not gzip or zstd compressed)";
var MAX_ENTRIES = 2e5;
async function walkTar(reader, options2) {
  const { subject } = options2;
  const entries = [];
  const seen = /* @__PURE__ */ new Map();
  let header = null;
  const tar = new TarEntryReader({
    entry(h) {
      header = h;
      return false;
    }
  });
  const push = (bytes) => {
    try {
      tar.push(bytes);
    } catch (error) {
      throw error instanceof TarFormatError ? refusal(subject, error) : error;
    }
  };
  while (!tar.finished) {
    const at = reader.position;
    if (tar.skipping) {
      const wanted2 = tar.bytesWanted;
      const pad = tar.paddingWanted;
      const skipped2 = await reader.skip(wanted2);
      tar.skip(skipped2);
      if (skipped2 < wanted2 - pad)
        throw inputError(subject, `truncated archive: the data ends at byte ${reader.position}, inside the member whose header is before it`);
      if (skipped2 < wanted2) break;
      continue;
    }
    const wanted = tar.bytesWanted;
    const bytes = await reader.read(wanted);
    if (tar.atHeader && bytes.length < BLOCK) {
      if (bytes.length === 0) {
        if (at === 0) throw inputError(subject, "empty archive");
        break;
      }
      throw inputError(subject, `truncated archive (tar header at byte ${at} cut short: ${bytes.length} of ${BLOCK} bytes)`);
    }
    if (bytes.length < wanted) throw inputError(subject, `truncated archive (extended header cut short)`);
    push(bytes);
    if (header === null) continue;
    const h = header;
    header = null;
    const { bodyAt, bodySize: size2 } = h;
    if (reader.length !== null && bodyAt + size2 > reader.length) {
      throw inputError(
        subject,
        `truncated archive: "${h.path}" at byte ${h.headerAt} claims ${size2} bytes, ${bodyAt + size2 - reader.length} beyond the end of the file (${reader.length} bytes)`
      );
    }
    const path4 = normalizeArchivePath(h.path);
    const occurrence = seen.get(path4) ?? 0;
    seen.set(path4, occurrence + 1);
    const entry = {
      path: path4,
      kind: kindOf(h),
      linkpath: h.linkpath || null,
      offset: bodyAt,
      size: size2,
      head: Buffer.alloc(0),
      occurrence
    };
    entries.push(entry);
    if (entries.length > MAX_ENTRIES) throw inputError(subject, `more than ${MAX_ENTRIES} members; not an image archive`);
    if (options2.stopAt?.(entry)) return { entries, stoppedAt: entry };
    let consumed = 0;
    if (entry.kind === "file" && size2 > 0 && (options2.readHeads ?? true)) {
      entry.head = await reader.read(Math.min(MAGIC_BYTES, size2));
      consumed = entry.head.length;
      if (options2.capture?.(entry)) {
        const rest = await reader.read(size2 - consumed);
        consumed += rest.length;
        entry.data = Buffer.concat([entry.head, rest]);
      }
    }
    const skipped = consumed + await reader.skip(size2 - consumed);
    if (skipped < size2) {
      throw inputError(subject, `truncated archive: "${h.path}" at byte ${h.headerAt} claims ${size2} bytes, the data ends after ${skipped}`);
    }
    tar.skip(size2);
  }
  return { entries, stoppedAt: null };
}
function refusal(subject, error) {
  const { at, detail } = error;
  switch (error.code) {
    case "checksum":
      return inputError(subject, at === 0 ? NOT_TAR : `corrupt tar header at byte ${at} (${detail})`, error);
    case "pax":
      return inputError(subject, `corrupt PAX header at byte ${at} (${error.message})`, error);
    case "path-too-long":
      return error.message.startsWith("GNU") ? inputError(subject, `GNU long name at byte ${at} is longer than ${MAX_PATH_BYTES} bytes; refusing`, error) : inputError(subject, `corrupt PAX header at byte ${at} (${error.message})`, error);
    case "meta-too-large":
      return inputError(subject, `tar ${detail}; refusing`, error);
    default:
      return inputError(subject, `corrupt tar header at byte ${at} (${detail})`, error);
  }
}
function kindOf(h) {
  switch (h.kind) {
    case TarKind.file:
      return h.sparse ? "other" : "file";
    case TarKind.dir:
      return "directory";
    case TarKind.symlink:
      return "symlink";
    case TarKind.hardlink:
      return "hardlink";
    default:
      return "other";
  }
}

// src/sources/archive/tar-stores.ts
var MAX_CAPTURED_BYTES = 64 * 1024 * 1024;
async function openSeekableTar(handle, length, subject, close = () => handle.close()) {
  const reader = new FileByteReader(handle, length);
  const { entries } = await walkTar(reader, { subject });
  const store = indexedStore(new TarIndex(entries, subject), subject, {
    async readSmall(file) {
      checkSmall(subject, file);
      const entry = file;
      const buffer = Buffer.alloc(entry.size);
      let filled = 0;
      while (filled < entry.size) {
        const { bytesRead } = await handle.read(buffer, filled, entry.size - filled, entry.offset + filled);
        if (bytesRead === 0) throw inputError(subject, `truncated archive ("${entry.path}" ends early)`);
        filled += bytesRead;
      }
      stats.archiveBytesRead += filled;
      return buffer;
    },
    async open(file) {
      const entry = file;
      return Readable3.from(readRange(handle, entry.offset, entry.size, subject, entry.path, runStats()), { objectMode: false });
    },
    close: () => close().catch(() => void 0)
  });
  return store;
}
async function* readRange(handle, offset, size2, subject, name, counters) {
  const CHUNK = 1024 * 1024;
  let done = 0;
  while (done < size2) {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size2 - done));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset + done);
    if (bytesRead === 0) throw inputError(subject, `truncated archive: "${name}" ends after ${done} of ${size2} bytes`);
    done += bytesRead;
    counters.archiveBytesRead += bytesRead;
    yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
  }
}
function indexedStore(index, subject, reading) {
  return {
    subject,
    exists: async (p) => index.has(p),
    resolve: async (p) => index.resolve(p),
    sampleNames: async () => index.names(),
    ...reading
  };
}

// src/sources/archive/index.ts
async function openArchive(path4, ref, options2, finish) {
  const subject = ref.raw;
  const store = await openArchiveStore(path4, subject);
  return handleFromStore(store, { type: "archive", reference: ref.raw }, options2, finish);
}
async function openOciDirectory(dir, ref, options2, finish) {
  const store = await openDirectoryStore(dir, ref.raw);
  return handleFromStore(store, { type: "oci-dir", reference: ref.raw }, options2, finish);
}
function handleFromStore(store, source, options2, finish = handleFromBlobStore) {
  return finish(entryBlobStore(store), source, options2);
}
async function openArchiveStore(path4, subject) {
  const { handle } = await openRegularFile(path4, subject, { directoryReason: "is a directory (use oci:DIR for an OCI layout directory)" });
  try {
    const info = await handle.stat();
    if (info.size === 0) throw inputError(subject, "empty file");
    const magic = Buffer.alloc(4);
    const { bytesRead } = await handle.read(magic, 0, 4, 0);
    stats.archiveBytesRead += bytesRead;
    const compression = sniffCompression(magic.subarray(0, bytesRead));
    if (compression === "none") return await openSeekableTar(handle, info.size, subject);
    const spool = await spoolDecompressed(handle, compression, subject);
    await handle.close();
    try {
      return await openSeekableTar(spool.handle, spool.length, subject, spool.close);
    } catch (error) {
      await spool.close();
      throw error;
    }
  } catch (error) {
    await handle.close().catch(() => void 0);
    throw error;
  }
}

// src/sources/daemon.ts
import { spawn } from "node:child_process";
async function openDaemonImage(name, ref, options2, finish) {
  const subject = ref.raw;
  const spool = await spoolStream(dockerSave(name, subject), subject, (error) => daemonFailure(subject, error));
  let store;
  try {
    store = await openSeekableTar(spool.handle, spool.length, subject, spool.close);
  } catch (error) {
    await spool.close();
    throw error;
  }
  return handleFromStore(store, { type: "daemon", reference: ref.raw }, options2, finish);
}
function dockerCli() {
  return process.env.LAYERDIFF_DOCKER_CLI || "docker";
}
async function* dockerSave(name, subject) {
  const child = spawn(dockerCli(), ["save", name], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text) => {
    stderr = (stderr + text).slice(-8192);
  });
  const finished2 = new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  finished2.catch(() => void 0);
  let complete = false;
  try {
    for await (const chunk of child.stdout) {
      stats.archiveBytesRead += chunk.length;
      yield chunk;
    }
    let result;
    try {
      result = await finished2;
    } catch (error) {
      throw spawnFailure(subject, error);
    }
    complete = true;
    if (result.code !== 0) throw saveFailure(subject, name, stderr, result.code, result.signal);
  } catch (error) {
    if (error instanceof LayerdiffError) throw error;
    const spawnError = await finished2.then(
      () => null,
      (e) => e
    );
    if (spawnError) throw spawnFailure(subject, spawnError);
    throw error;
  } finally {
    if (!complete && child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
}
function spawnFailure(subject, error) {
  const code = error.code;
  if (code === "ENOENT") {
    return new LayerdiffError("not-found", `${subject}: the docker CLI was not found on PATH (docker-daemon: runs "docker save")`, { subject, cause: error });
  }
  return new LayerdiffError("network", `${subject}: cannot run the docker CLI: ${error.message}`, { subject, cause: error });
}
function saveFailure(subject, name, stderr, code, signal) {
  const said = firstLine(stderr);
  const host = process.env.DOCKER_HOST ? ` at ${process.env.DOCKER_HOST}` : "";
  if (/cannot connect to the docker daemon|is the docker daemon running|error during connect|connection refused|no such file or directory.*\.sock|dial unix/i.test(
    stderr
  )) {
    return new LayerdiffError("network", `${subject}: no Docker daemon answers${host} (${said})`, { subject });
  }
  if (/no such image|reference does not exist|not found|does not exist/i.test(stderr)) {
    return new LayerdiffError("not-found", `${subject}: the Docker daemon has no image ${name}`, { subject });
  }
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return new LayerdiffError("network", `${subject}: docker save ${how}${said ? ` (${said})` : ""}`, { subject });
}
function daemonFailure(subject, error) {
  if (error instanceof LayerdiffError) return error;
  return inputError(subject, `cannot read docker save output: ${describeStreamError(error)}`, error);
}
function firstLine(text) {
  return text.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";
}

// src/sources/reference.ts
function parseReference(raw) {
  const text = raw.trim();
  if (text === "") throw usageError("an image reference is empty");
  const prefixed = /^(docker-archive|oci-archive|oci|docker-daemon|snapshot|docker):(.*)$/.exec(text);
  if (!prefixed) return { transport: "path", path: text, raw };
  const transport = prefixed[1];
  let rest = prefixed[2] ?? "";
  if (transport === "docker") {
    if (!rest.startsWith("//")) throw usageError(`${raw}: registry references are written docker://HOST/REPO:TAG`);
    rest = rest.slice(2);
    if (rest === "") throw usageError(`${raw}: no repository after docker://`);
    return { transport, name: rest, raw };
  }
  if (rest === "") throw usageError(`${raw}: nothing after "${transport}:"`);
  if (transport === "docker-daemon") return { transport, name: rest, raw };
  return { transport, path: rest, raw };
}
function missingPathReason(text) {
  if (!looksLikeImageName(text)) return `${text}: no such file or directory`;
  const firstPart = text.split("/")[0] ?? "";
  const hasRegistry = text.includes("/") && (firstPart.includes(".") || firstPart.includes(":") || firstPart === "localhost");
  const registry = hasRegistry ? `docker://${text}` : `docker://REGISTRY/${text}`;
  return `${text} is not a file or directory; for a local Docker image use docker-daemon:${text}, for a registry ${registry}`;
}
var COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
var IMAGE_NAME = new RegExp(String.raw`^((?:[a-z0-9.-]+(?::\d+)?/)?${COMPONENT}(?:/${COMPONENT})*)(:\w[\w.-]{0,127})?(@[a-z0-9]+:[a-f0-9]{32,})?$`);
function looksLikeImageName(text) {
  if (/^[./~]/.test(text) || text.includes("\\")) return false;
  const match = IMAGE_NAME.exec(text);
  if (!match) return false;
  const [, name = "", tag, digest] = match;
  if (tag || digest) return true;
  return !/\.(tar|tgz|gz|zst|json|oci)$/i.test(name);
}

// src/sources/registry/name.ts
var DOCKER_HUB = "docker.io";
var DOCKER_HUB_API = "registry-1.docker.io";
var DOCKER_HUB_ALIASES = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);
var DIGEST2 = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
var SHA256 = /^sha256:[a-f0-9]{64}$/;
var TAG = /^[\w][\w.-]{0,127}$/;
var REPO_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
function parseRegistryName(name, subject = name) {
  const text = name.trim();
  let rest = text;
  let digest = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST2.test(digest)) throw usageError(`${subject}: "${digest}" is not a digest (expected sha256:<64 hex>)`);
    if (digest.startsWith("sha256:") && !SHA256.test(digest)) throw usageError(`${subject}: "${digest}" is not a sha256 digest (64 lowercase hex)`);
  }
  let tag = null;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw usageError(`${subject}: "${tag}" is not a valid tag`);
  }
  if (rest === "") throw usageError(`${subject}: no repository name`);
  let registry = DOCKER_HUB;
  let path4 = rest;
  const slash = rest.indexOf("/");
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase()) {
      registry = first;
      path4 = rest.slice(slash + 1);
    }
  }
  if (path4 === "") throw usageError(`${subject}: no repository after the registry host`);
  if (DOCKER_HUB_ALIASES.has(registry.toLowerCase())) {
    registry = DOCKER_HUB;
    if (!path4.includes("/")) path4 = `library/${path4}`;
  }
  for (const component of path4.split("/")) {
    if (!REPO_COMPONENT.test(component)) {
      throw usageError(`${subject}: "${path4}" is not a valid repository name (lowercase letters, digits and . _ - separated by /)`);
    }
  }
  if (tag === null && digest === null) tag = "latest";
  return {
    registry,
    apiHost: registry === DOCKER_HUB ? DOCKER_HUB_API : registry,
    repository: path4,
    tag,
    digest,
    reference: digest ?? tag
  };
}
function credentialKeys(registry) {
  if (registry === DOCKER_HUB) {
    return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io", "https://registry-1.docker.io"];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}
function isInsecureHost(host, insecureRegistries) {
  if (!insecureRegistries || insecureRegistries.length === 0) return false;
  const wanted = host.toLowerCase();
  const hostname = hostnameOf(wanted);
  return insecureRegistries.some((entry) => {
    const e = entry.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
    return e === wanted || e === hostname;
  });
}
function hostnameOf(host) {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.lastIndexOf(":");
  return colon >= 0 ? host.slice(0, colon) : host;
}

// src/sources/registry/client.ts
import { createHash as createHash4 } from "node:crypto";
import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";

// src/sources/registry/http.ts
import https2 from "node:https";
import { createRequire } from "node:module";
import { pipeline as pipeline3, Transform as Transform4 } from "node:stream";

// src/sources/registry/proxy.ts
import https from "node:https";
import net, { BlockList } from "node:net";
import tls from "node:tls";
var ProxyError = class extends Error {
  code;
  constructor(code, message, options2) {
    super(message, options2?.cause === void 0 ? void 0 : { cause: options2.cause });
    this.name = "ProxyError";
    this.code = code;
  }
};
function proxyFor(target, env) {
  const scheme = target.protocol === "https:" ? "https" : "http";
  const found = firstSet(env, [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`]);
  if (!found) return null;
  const noProxy = firstSet(env, ["no_proxy", "NO_PROXY"]);
  if (noProxy && bypassesProxy(target, noProxy.value)) return null;
  return { ...parseProxyUrl(found.value, found.name), variable: found.name };
}
function firstSet(env, names) {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return null;
}
function parseProxyUrl(text, variable) {
  let url;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw usageError(`${variable}: not a proxy URL (expected http://HOST:PORT)`);
  }
  if (url.protocol !== "http:") throw usageError(`${variable}: ${url.protocol}// proxies are not supported (expected http://HOST:PORT)`);
  if (url.hostname === "") throw usageError(`${variable}: no proxy host (expected http://HOST:PORT)`);
  const authorization = url.username !== "" ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}` : void 0;
  return { url: new URL(`http://${url.host}`), authorization };
}
function bypassesProxy(target, noProxy) {
  const hostname = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = target.port !== "" ? Number(target.port) : target.protocol === "https:" ? 443 : 80;
  const ipFamily = net.isIP(hostname);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    if (entry.includes("/")) {
      if (ipFamily !== 0 && inCidr(hostname, ipFamily, entry)) return true;
      continue;
    }
    const { host, port: entryPort } = splitHostPort(entry);
    if (entryPort !== null && entryPort !== port) continue;
    const domain = host.replace(/^\*?\./, "");
    if (domain === "") continue;
    if (hostname === domain || ipFamily === 0 && hostname.endsWith(`.${domain}`)) return true;
  }
  return false;
}
function splitHostPort(entry) {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? "", port: bracketed[2] ? Number(bracketed[2]) : null };
  if (net.isIPv6(entry)) return { host: entry, port: null };
  const withPort = /^(.+):(\d+)$/.exec(entry);
  if (withPort) return { host: withPort[1] ?? "", port: Number(withPort[2]) };
  return { host: entry, port: null };
}
function inCidr(address, family, cidr) {
  const [network = "", bitsText = ""] = cidr.split("/");
  const networkFamily = net.isIP(network);
  const bits = Number(bitsText);
  if (networkFamily === 0 || networkFamily !== family || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  list.addSubnet(network, bits, family === 4 ? "ipv4" : "ipv6");
  return list.check(address, family === 4 ? "ipv4" : "ipv6");
}
var CONNECT_RESPONSE_LIMIT = 16 * 1024;
var TunnelingAgent = class extends https.Agent {
  constructor(proxy, connectTimeoutMs, options2) {
    super(options2);
    this.proxy = proxy;
    this.connectTimeoutMs = connectTimeoutMs;
  }
  proxy;
  connectTimeoutMs;
  createConnection(options2, callback) {
    const done = callback ?? (() => {
    });
    const targetHost = (options2.host ?? options2.hostname ?? "localhost").replace(/^\[|\]$/g, "");
    const targetPort = Number(options2.port ?? 443);
    const authority = net.isIPv6(targetHost) ? `[${targetHost}]:${targetPort}` : `${targetHost}:${targetPort}`;
    openTunnel(this.proxy, authority, this.connectTimeoutMs).then(
      (socket) => {
        const secure = tls.connect({ ...options2, socket, host: targetHost, port: targetPort });
        done(null, secure);
      },
      (error) => done(error, void 0)
    );
    return void 0;
  }
};
function openTunnel(proxy, authority, timeoutMs) {
  const port = Number(proxy.url.port || 80);
  const who = `proxy ${proxy.url.host} (from ${proxy.variable})`;
  const duration = timeoutMs % 1e3 === 0 ? `${timeoutMs / 1e3} s` : `${timeoutMs} ms`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const socket = net.connect({ host: proxy.url.hostname.replace(/^\[|\]$/g, ""), port });
    const finish = (error) => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      socket.removeListener("data", onData);
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        resolve(socket);
      }
    };
    socket.setTimeout(timeoutMs, () => finish(new ProxyError("ETIMEDOUT", `${who} did not answer within ${duration} (timeout)`)));
    socket.on("error", (error) => {
      if (!settled) finish(proxyConnectError(error, proxy));
    });
    socket.on("close", () => finish(new ProxyError("ECONNRESET", `${who} closed the connection before answering CONNECT ${authority}`)));
    let head = Buffer.alloc(0);
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        if (head.length > CONNECT_RESPONSE_LIMIT)
          finish(new ProxyError("EPROTO", `${who} sent more than ${CONNECT_RESPONSE_LIMIT / 1024} KiB of headers for CONNECT`));
        return;
      }
      const statusLine = head.subarray(0, head.indexOf("\r\n")).toString("latin1");
      const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
      if (!status) return finish(new ProxyError("EPROTO", `${who} answered CONNECT with something that is not HTTP`));
      const code = Number(status[1]);
      if (code < 200 || code >= 300) {
        const reason = status[2] ? ` ${status[2].slice(0, 80)}` : "";
        return finish(new ProxyError("EPROXY", `${who} refused CONNECT ${authority} (${code}${reason})`));
      }
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      finish(null);
    };
    socket.on("data", onData);
    socket.once("connect", () => {
      const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, "User-Agent: layerdiff"];
      if (proxy.authorization) lines.push(`Proxy-Authorization: ${proxy.authorization}`);
      socket.write(`${lines.join("\r\n")}\r
\r
`);
    });
  });
}
function proxyConnectError(error, proxy) {
  const proxyHost = proxy.url.host;
  const code = error.code ?? "EIO";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new ProxyError(code, `cannot resolve proxy ${proxy.url.hostname} (from ${proxy.variable}; ${code})`, { cause: error });
  }
  return new ProxyError(code, `cannot connect to proxy ${proxyHost} (from ${proxy.variable}): ${code}`, { cause: error });
}

// src/sources/registry/http.ts
var http = createRequire(import.meta.url)("node:http");
var TransportError = class extends Error {
  code;
  host;
  constructor(code, host, message, options2) {
    super(message, options2?.cause === void 0 ? void 0 : { cause: options2.cause });
    this.name = "TransportError";
    this.code = code;
    this.host = host;
  }
};
function isRetryableTransportError(error) {
  return error instanceof TransportError && (error.code === "ECONNRESET" || error.code === "EPIPE" || error.code === "ECONNABORTED");
}
var HttpTransport = class {
  constructor(timeoutMs, env = process.env, tlsOptions = {}) {
    this.timeoutMs = timeoutMs;
    this.env = env;
    this.tlsOptions = tlsOptions;
    this.httpsAgent = new https2.Agent({ keepAlive: true, maxSockets: 8, ...tlsOptions });
  }
  timeoutMs;
  env;
  tlsOptions;
  httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  httpsAgent;
  /** One tunnelling agent per proxy (HTTPS_PROXY may differ from what a redirect's host needs: none). */
  tunnelAgents = /* @__PURE__ */ new Map();
  request(req) {
    const { url } = req;
    const isHttps = url.protocol === "https:";
    const lib = isHttps ? https2 : http;
    const host = url.host;
    let proxy;
    try {
      proxy = proxyFor(url, this.env);
    } catch (error) {
      return Promise.reject(error);
    }
    const headers = { "User-Agent": "layerdiff", ...req.headers };
    let target;
    if (proxy && !isHttps) {
      target = { host: proxy.url.hostname.replace(/^\[|\]$/g, ""), port: Number(proxy.url.port || 80), path: url.href, agent: this.httpAgent };
      headers.Host = url.host;
      if (proxy.authorization) headers["Proxy-Authorization"] = proxy.authorization;
    } else {
      const agent = proxy ? this.tunnelAgent(proxy) : isHttps ? this.httpsAgent : this.httpAgent;
      target = { protocol: url.protocol, host: url.hostname.replace(/^\[|\]$/g, ""), port: url.port, path: `${url.pathname}${url.search}`, agent };
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      let response;
      const fail = (error) => {
        if (settled) return;
        settled = true;
        const e = error;
        const viaProxy = proxy && !isHttps && (e.syscall === "connect" || e.syscall === "getaddrinfo") ? proxyConnectError(e, proxy) : error;
        reject(toTransportError(viaProxy, host, this.timeoutMs));
      };
      const outgoing = lib.request(
        {
          ...target,
          method: req.method ?? "GET",
          headers
        },
        (res) => {
          settled = true;
          response = res;
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: res.headers, url, body: countingBody(res) });
        }
      );
      outgoing.setTimeout(this.timeoutMs, () => {
        const error = new TransportError("ETIMEDOUT", host, `${host} did not answer within ${formatSeconds(this.timeoutMs)} (timeout)`);
        response?.destroy(error);
        outgoing.destroy(error);
      });
      outgoing.on("error", fail);
      outgoing.end();
    });
  }
  /** Closes idle keep-alive sockets (and any still in use). */
  close() {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    for (const agent of this.tunnelAgents.values()) agent.destroy();
  }
  tunnelAgent(proxy) {
    const key = `${proxy.url.href}
${proxy.authorization ?? ""}`;
    let agent = this.tunnelAgents.get(key);
    if (!agent) {
      agent = new TunnelingAgent(proxy, this.timeoutMs, { keepAlive: true, maxSockets: 8, ...this.tlsOptions });
      this.tunnelAgents.set(key, agent);
    }
    return agent;
  }
};
function countingBody(res) {
  const counter = new Transform4({
    highWaterMark: 256 * 1024,
    transform(chunk, _encoding, done) {
      stats.networkBytes += chunk.length;
      done(null, chunk);
    }
  });
  pipeline3(res, counter, () => {
  });
  return counter;
}
function toTransportError(error, host, timeoutMs) {
  if (error instanceof TransportError) return error;
  if (error instanceof ProxyError) return new TransportError(error.code, host, error.message, { cause: error });
  const e = error;
  const code = e.code ?? "";
  switch (code) {
    case "ECONNREFUSED":
      return new TransportError(code, host, `cannot connect to ${host}: ECONNREFUSED`, { cause: error });
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new TransportError(code, host, `cannot resolve ${hostnameOnly(host)} (${code})`, { cause: error });
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
    case "ERR_STREAM_PREMATURE_CLOSE":
      return new TransportError("ECONNRESET", host, `connection to ${host} was reset (${code === "ERR_STREAM_PREMATURE_CLOSE" ? "ECONNRESET" : code})`, {
        cause: error
      });
    case "ETIMEDOUT":
      return new TransportError(code, host, `${host} did not answer within ${formatSeconds(timeoutMs)} (timeout)`, { cause: error });
    default:
      break;
  }
  const message = e.message ?? String(error);
  if (code === "EPROTO" || code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS") || /certificate|SSL|TLS/i.test(message) || isCertCode(code)) {
    return new TransportError("ETLS", host, `TLS with ${host} failed (${code || message}); for a plain-HTTP registry pass --insecure-registry ${host}`, {
      cause: error
    });
  }
  if (message === "socket hang up" || message === "aborted") {
    return new TransportError("ECONNRESET", host, `connection to ${host} was reset (ECONNRESET)`, { cause: error });
  }
  return new TransportError(code || "EIO", host, `request to ${host} failed: ${message}`, { cause: error });
}
function isCertCode(code) {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/.test(code);
}
function hostnameOnly(host) {
  const colon = host.lastIndexOf(":");
  return colon > 0 && !host.endsWith("]") ? host.slice(0, colon) : host;
}
function formatSeconds(ms) {
  return ms % 1e3 === 0 ? `${ms / 1e3} s` : `${(ms / 1e3).toFixed(1)} s`;
}
function networkError(subject, error, timeoutMs, host) {
  if (error instanceof LayerdiffError) return error;
  const t = toTransportError(error, host, timeoutMs);
  return new LayerdiffError("network", `${subject}: ${t.message}`, { subject, cause: error });
}
async function readSmallBody(res, limit, what) {
  const body = res.body;
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    throw new Error(`${what} is ${declared} bytes, more than the ${limit} allowed`);
  }
  const chunks = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > limit) {
      body.destroy();
      throw new Error(`${what} is more than the ${limit} bytes allowed`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
async function discardBody(res) {
  const body = res.body;
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > 64 * 1024) {
    body.destroy();
    return;
  }
  try {
    for await (const _chunk of body) {
    }
  } catch {
  }
}

// src/sources/registry/auth.ts
var TOKEN_LIMIT = 1024 * 1024;
var DEFAULT_TOKEN_SECONDS = 60;
var Authenticator = class {
  constructor(transport, ctx, now = Date.now) {
    this.transport = transport;
    this.ctx = ctx;
    this.now = now;
  }
  transport;
  ctx;
  now;
  /** The scheme this registry asked for, learned from its first 401; later requests send it up front. */
  challenge = null;
  tokens = /* @__PURE__ */ new Map();
  /** Token requests in flight, so concurrent requests for one scope share one token request. */
  pending = /* @__PURE__ */ new Map();
  /** The Authorization header to send for `scope`, if the registry is known to want one. */
  async header(scope) {
    const c = this.challenge;
    if (!c) return void 0;
    if (c.scheme === "basic") return this.basicHeader();
    if (c.scheme === "bearer") {
      const key = this.tokenKey(c, scope);
      const cached = this.tokens.get(key);
      if (cached && cached.expiresAt > this.now()) return `Bearer ${cached.token}`;
      let pending = this.pending.get(key);
      if (!pending) {
        pending = this.fetchToken(c, scope).finally(() => this.pending.delete(key));
        this.pending.set(key, pending);
      }
      return `Bearer ${await pending}`;
    }
    return void 0;
  }
  /**
   * Called on a 401. Learns the challenge and prepares credentials for one more attempt; throws
   * when another attempt cannot help (no credentials for basic auth, an unsupported scheme).
   */
  async onUnauthorized(challenges, scope) {
    const bearer = challenges.find((c) => c.scheme === "bearer" && c.params.realm);
    const basic = challenges.find((c) => c.scheme === "basic");
    if (bearer) {
      this.challenge = bearer;
      this.tokens.delete(this.tokenKey(bearer, scope));
      return;
    }
    if (basic) {
      if (!this.ctx.credentials) throw this.required();
      this.challenge = basic;
      return;
    }
    if (challenges.length === 0) throw this.required("the registry sent no WWW-Authenticate challenge");
    throw new LayerdiffError(
      "auth",
      `${this.ctx.subject}: ${this.ctx.host} asks for ${challenges.map((c) => c.scheme).join("/")} authentication, which layerdiff does not speak (basic and bearer only)`,
      { subject: this.ctx.subject }
    );
  }
  /** The refusal message for a 401 that survived authentication. */
  refused() {
    if (!this.ctx.credentials) return this.required();
    return new LayerdiffError(
      "auth",
      `${this.ctx.subject}: credentials from ${this.ctx.credentialsOrigin ?? "the configuration"} were refused by ${this.ctx.host} (401 Unauthorized)`,
      { subject: this.ctx.subject }
    );
  }
  required(detail) {
    const why = detail ? ` (${detail})` : "";
    return new LayerdiffError(
      "auth",
      `${this.ctx.subject}: ${this.ctx.host} requires authentication (401 Unauthorized)${why}, or the repository does not exist; ${this.ctx.missingCredentialsHint}`,
      { subject: this.ctx.subject }
    );
  }
  basicHeader() {
    const c = this.ctx.credentials;
    if (!c) return void 0;
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}`;
  }
  tokenKey(c, scope) {
    return `${c.params.realm ?? ""}
${c.params.service ?? ""}
${scope}`;
  }
  /** GET realm?service=..&scope=.. (with basic credentials when there are some and it is safe to send them). */
  async fetchToken(c, scope) {
    const subject = this.ctx.subject;
    let realm;
    try {
      realm = new URL(c.params.realm ?? "");
    } catch {
      throw new LayerdiffError("network", `${subject}: ${this.ctx.host} names an invalid token realm`, { subject });
    }
    if (realm.protocol !== "https:" && realm.protocol !== "http:") {
      throw new LayerdiffError("network", `${subject}: ${this.ctx.host} names a token realm that is not http(s)`, { subject });
    }
    if (c.params.service) realm.searchParams.set("service", c.params.service);
    realm.searchParams.append("scope", scope);
    const headers = { Accept: "application/json" };
    const basic = this.basicHeader();
    const sendCredentials = basic !== void 0 && this.mayReceiveCredentials(realm);
    if (sendCredentials && basic) {
      headers.Authorization = basic;
      realm.searchParams.set("account", this.ctx.credentials?.username ?? "");
    }
    countRequest("token");
    let res;
    try {
      res = await this.transport.request({ url: realm, headers });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LayerdiffError("network", `${subject}: token service: ${reason}`, { subject, cause: error });
    }
    if (res.status === 401 || res.status === 403) {
      await discardBody(res);
      if (sendCredentials) {
        throw new LayerdiffError(
          "auth",
          `${subject}: credentials from ${this.ctx.credentialsOrigin ?? "the configuration"} were refused by the token service at ${realm.host} (${res.status} ${res.statusText || "Unauthorized"})`,
          { subject }
        );
      }
      throw this.required(`the token service at ${realm.host} refused anonymous access`);
    }
    if (res.status < 200 || res.status >= 300) {
      await discardBody(res);
      throw new LayerdiffError("network", `${subject}: token service at ${realm.host} answered ${res.status} ${res.statusText}`, { subject });
    }
    let parsed;
    try {
      const body = await readSmallBody(res, TOKEN_LIMIT, "token response");
      const data = parseJsonBounded(body, TOKEN_LIMIT, subject, "token response");
      if (data === null || typeof data !== "object" || Array.isArray(data)) throw new Error("not an object");
      parsed = data;
    } catch {
      throw new LayerdiffError("network", `${subject}: token service at ${realm.host} did not answer with a JSON token`, { subject });
    }
    const token = typeof parsed.token === "string" && parsed.token !== "" ? parsed.token : typeof parsed.access_token === "string" ? parsed.access_token : "";
    if (token === "") throw new LayerdiffError("network", `${subject}: token service at ${realm.host} answered without a token`, { subject });
    const seconds = typeof parsed.expires_in === "number" && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_TOKEN_SECONDS;
    this.tokens.set(this.tokenKey(c, scope), { token, expiresAt: this.now() + Math.max(1, seconds - 10) * 1e3 });
    return token;
  }
  /**
   * Credentials go to a token realm over HTTPS, or over plain HTTP only to loopback or to a host the
   * user listed as insecure: a realm on some plain-HTTP host never sees the password.
   */
  mayReceiveCredentials(realm) {
    if (realm.protocol === "https:") return true;
    const hostname = realm.hostname.replace(/^\[|\]$/g, "");
    if (hostname === "127.0.0.1" || hostname === "::1" || hostname === "localhost") return true;
    return isInsecureHost(realm.host, this.ctx.insecureRegistries) || hostnameOf(this.ctx.host) === realm.hostname;
  }
};

// src/sources/registry/challenge.ts
function parseWwwAuthenticate(header) {
  if (header === void 0) return [];
  const values = typeof header === "string" ? [header] : header;
  const challenges = [];
  for (const value of values) challenges.push(...parseOne(value));
  return challenges;
}
function parseOne(text) {
  const out = [];
  let i = 0;
  let current = null;
  const skipSpaceAndCommas = () => {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
  };
  while (i < text.length) {
    skipSpaceAndCommas();
    const tokenMatch = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/.exec(text.slice(i));
    if (!tokenMatch) break;
    const token = tokenMatch[0];
    i += token.length;
    while (i < text.length && text[i] === " ") i++;
    if (text[i] === "=") {
      i++;
      while (i < text.length && text[i] === " ") i++;
      let value = "";
      if (text[i] === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === "\\" && i + 1 < text.length) i++;
          value += text[i];
          i++;
        }
        i++;
      } else {
        const m = /^[^,\s]*/.exec(text.slice(i));
        value = m ? m[0] : "";
        i += value.length;
      }
      if (current) current.params[token.toLowerCase()] = value;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      out.push(current);
    }
  }
  return out;
}

// src/sources/registry/client.ts
var defaultClientTuning = { timeoutMs: 3e4, retries: 3, backoffMs: 250 };
var MAX_REDIRECTS = 5;
var RETRYABLE_STATUS = /* @__PURE__ */ new Set([429, 500, 502, 503, 504]);
var RegistryClient = class {
  constructor(options2) {
    this.options = options2;
    this.transport = new HttpTransport(options2.timeoutMs, options2.env);
    this.auth = new Authenticator(this.transport, options2.auth);
    this.scope = `repository:${options2.repository}:pull`;
    this.subject = options2.auth.subject;
  }
  options;
  transport;
  auth;
  scope;
  subject;
  close() {
    this.transport.close();
  }
  /** GET a manifest (tag or digest) with the given Accept list; bytes kept whole (small). */
  async getManifest(reference, accept, limit) {
    const res = await this.get("manifest", `manifests/${reference}`, { Accept: accept }, "manifest");
    return this.readDocument(res, limit, "manifest");
  }
  /** GET a small blob (an image config) whole. */
  async getSmallBlob(digest, limit, kind = "config") {
    const res = await this.get(kind, `blobs/${digest}`, {}, "blob");
    return this.readDocument(res, limit, kind);
  }
  /**
   * Streams a blob, verifying its length and digest at the end. A connection that breaks mid-way
   * resumes with a Range request from the byte reached, so a flaky link does not restart a big layer.
   * Resolves once the first response headers arrive, so "not found" is a rejection, not a stream error.
   */
  async openBlob(digest, expectedSize, what) {
    const out = new PassThrough({ highWaterMark: 1024 * 1024 });
    const hash = digest.startsWith("sha256:") ? createHash4("sha256") : null;
    let received = 0;
    let resumesLeft = this.options.retries;
    let current = await this.get("blob", `blobs/${digest}`, {}, "blob");
    let finished2 = false;
    const fail = (error) => {
      if (finished2) return;
      finished2 = true;
      current.body.destroy();
      out.destroy(error instanceof LayerdiffError ? error : networkError(`${this.subject}: ${what}`, error, this.options.timeoutMs, current.url.host));
    };
    const pump = (res) => {
      current = res;
      res.body.on("data", (chunk) => {
        received += chunk.length;
        hash?.update(chunk);
        if (expectedSize !== null && received > expectedSize) {
          fail(
            new LayerdiffError("input", `${this.subject}: ${what} is longer than the ${expectedSize} bytes its descriptor declares`, { subject: this.subject })
          );
          return;
        }
        if (!out.write(chunk)) res.body.pause();
      });
      res.body.on("end", () => {
        if (finished2) return;
        if (expectedSize !== null && received !== expectedSize) {
          void resume(new Error(`ended after ${received} of ${expectedSize} bytes`));
          return;
        }
        if (hash) {
          const actual = `sha256:${hash.digest("hex")}`;
          if (actual !== digest) {
            fail(
              new LayerdiffError("input", `${this.subject}: ${what} does not match its digest (expected ${digest}, got ${actual})`, { subject: this.subject })
            );
            return;
          }
        }
        finished2 = true;
        out.end();
      });
      res.body.on("error", (error) => void resume(error));
    };
    const resume = async (error) => {
      if (finished2) return;
      const reason = toTransportError(error, current.url.host, this.options.timeoutMs);
      if (resumesLeft <= 0) {
        fail(reason);
        return;
      }
      resumesLeft -= 1;
      await sleep(this.backoff(this.options.retries - resumesLeft));
      if (finished2) return;
      current.body.removeAllListeners("data");
      current.body.removeAllListeners("end");
      current.body.destroy();
      try {
        const next = await this.get("blob", `blobs/${digest}`, received > 0 ? { Range: `bytes=${received}-` } : {}, "blob");
        const range = String(next.headers["content-range"] ?? "");
        const continues = received === 0 ? next.status === 200 : next.status === 206 && range.startsWith(`bytes ${received}-`);
        if (!continues) {
          next.body.destroy();
          fail(reason);
          return;
        }
        pump(next);
      } catch (retryError) {
        fail(retryError);
      }
    };
    out.on("drain", () => current.body.resume());
    out.on("close", () => {
      if (!finished2) {
        finished2 = true;
        current.body.destroy();
      }
    });
    pump(current);
    return out;
  }
  async readDocument(res, limit, what) {
    let bytes;
    try {
      bytes = await readSmallBody(res, limit, what);
    } catch (error) {
      if (error instanceof Error && !("code" in error)) {
        throw new LayerdiffError("input", `${this.subject}: ${error.message}`, { subject: this.subject });
      }
      throw networkError(this.subject, error, this.options.timeoutMs, res.url.host);
    }
    const digest = res.headers["docker-content-digest"];
    return { bytes, contentType: res.headers["content-type"], digest: typeof digest === "string" ? digest : void 0 };
  }
  /**
   * One logical GET under /v2/<repo>/: retries 429/5xx and reset connections with backoff,
   * authenticates once on a 401, follows redirects, and turns any other status into an error.
   * Resolves with a 2xx response whose body is unread.
   */
  async get(kind, path4, headers, what) {
    const url = new URL(`${this.options.protocol}//${this.options.apiHost}/v2/${this.options.repository}/${path4}`);
    let reauthenticated = false;
    let attempt = 0;
    for (; ; ) {
      let res;
      try {
        const authorization = await this.auth.header(this.scope);
        res = await this.follow(kind, url, headers, authorization);
      } catch (error) {
        if (isRetryableTransportError(error) && attempt < this.options.retries) {
          attempt += 1;
          await sleep(this.backoff(attempt));
          continue;
        }
        const suffix = isRetryableTransportError(error) && attempt > 0 ? ` after ${attempt + 1} attempts` : "";
        const e = networkError(this.subject, error, this.options.timeoutMs, hostOf(error) ?? this.options.apiHost);
        throw suffix ? new LayerdiffError(e.code, `${e.message}${suffix}`, { subject: this.subject, cause: error }) : e;
      }
      if (res.status >= 200 && res.status < 300) return res;
      if (res.status === 401) {
        await discardBody(res);
        const challenges = parseWwwAuthenticate(res.headers["www-authenticate"]);
        if (reauthenticated) {
          if (challenges.some((c) => c.params.error === "insufficient_scope")) {
            throw new LayerdiffError(
              "auth",
              `${this.subject}: no pull access to ${this.options.repository} on ${this.options.apiHost} (401 insufficient_scope)`,
              { subject: this.subject }
            );
          }
          throw this.auth.refused();
        }
        await this.auth.onUnauthorized(challenges, this.scope);
        reauthenticated = true;
        continue;
      }
      if (RETRYABLE_STATUS.has(res.status) && attempt < this.options.retries) {
        await discardBody(res);
        attempt += 1;
        await sleep(Math.max(this.backoff(attempt), retryAfterMs(res.headers["retry-after"])));
        continue;
      }
      throw await this.statusError(res, what, attempt);
    }
  }
  /** Sends one GET and follows redirects; Authorization goes only to the registry's own origin. */
  async follow(kind, start, headers, authorization) {
    let url = start;
    for (let hop = 0; ; hop++) {
      const sameOrigin = url.origin === start.origin;
      const sent = { ...headers };
      if (authorization && sameOrigin) sent.Authorization = authorization;
      countRequest(kind);
      const res = await this.transport.request({ url, headers: sent });
      if (![301, 302, 303, 307, 308].includes(res.status)) return res;
      const location = res.headers.location;
      await discardBody(res);
      if (!location) return res;
      if (hop >= MAX_REDIRECTS) {
        throw new LayerdiffError("network", `${this.subject}: more than ${MAX_REDIRECTS} redirects from ${start.host}`, { subject: this.subject });
      }
      url = new URL(location, url);
    }
  }
  backoff(attempt) {
    return this.options.backoffMs * 2 ** (attempt - 1);
  }
  async statusError(res, what, attempts) {
    const detail = await registryErrorDetail(res);
    const status = `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
    const subject = this.subject;
    const host = res.url.host;
    if (res.status === 404) {
      const code = detail.code ?? "";
      let reason;
      if (code === "NAME_UNKNOWN") reason = `repository ${this.options.repository} not found on ${host}`;
      else if (what === "manifest") reason = detail.message ? detail.message.toLowerCase() : "manifest unknown";
      else reason = detail.message ? detail.message.toLowerCase() : "blob unknown";
      if (what === "manifest" && reason !== "manifest unknown" && code === "MANIFEST_UNKNOWN") reason = "manifest unknown";
      return new LayerdiffError("not-found", `${subject}: ${reason} (${status})`, { subject });
    }
    if (res.status === 403) {
      return new LayerdiffError(
        "auth",
        `${subject}: access to ${this.options.repository} denied by ${host} (${status}${detail.message ? `: ${detail.message}` : ""})`,
        { subject }
      );
    }
    const retried = attempts > 0 ? ` after ${attempts + 1} attempts` : "";
    const message = detail.message ? `: ${detail.message}` : "";
    return new LayerdiffError("network", `${subject}: ${host} answered ${status}${message}${retried}`, { subject });
  }
};
function hostOf(error) {
  return typeof error === "object" && error !== null && "host" in error && typeof error.host === "string" ? error.host : void 0;
}
async function registryErrorDetail(res) {
  try {
    const text = (await readSmallBody(res, 64 * 1024, "error body")).toString("utf8");
    const data = JSON.parse(text);
    const first = data.errors?.[0];
    const out = {};
    if (typeof first?.code === "string") out.code = first.code;
    if (typeof first?.message === "string") out.message = first.message.replace(/\s+/g, " ").trim();
    return out;
  } catch {
    return {};
  }
}
function retryAfterMs(header) {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 0;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(seconds * 1e3, 5e3);
  return 0;
}

// src/sources/docker-config.ts
import { stat as stat2 } from "node:fs/promises";
import os4 from "node:os";
import path3 from "node:path";
function dockerConfigPath(env = process.env) {
  const dir = env.DOCKER_CONFIG && env.DOCKER_CONFIG !== "" ? env.DOCKER_CONFIG : path3.join(env.HOME ?? os4.homedir(), ".docker");
  return path3.join(dir, "config.json");
}
var MAX_DOCKER_CONFIG_BYTES = 1024 * 1024;
async function readDockerConfig(env = process.env, warn) {
  const file = dockerConfigPath(env);
  if (!await stat2(file).then(
    () => true,
    () => false
  ))
    return null;
  try {
    const bytes = await readRegularFile(file, file, { maxBytes: MAX_DOCKER_CONFIG_BYTES });
    const data = parseJsonBounded(bytes, MAX_DOCKER_CONFIG_BYTES, file, "docker config");
    return data && typeof data === "object" && !Array.isArray(data) ? data : null;
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const reason = /is not valid JSON/.test(message) ? "not valid JSON" : message.startsWith(`${file}: `) ? message.slice(file.length + 2) : "cannot be read";
    warn?.(`${file}: ${reason}; ignoring it`);
    return null;
  }
}
function findDockerCredentials(config, keys) {
  const auths = config?.auths;
  if (!auths || typeof auths !== "object") return null;
  const normalised = /* @__PURE__ */ new Map();
  for (const [key, value] of Object.entries(auths)) normalised.set(normaliseKey(key), value);
  for (const key of keys) {
    const entry = auths[key] ?? normalised.get(normaliseKey(key));
    if (!entry || typeof entry !== "object") continue;
    if (typeof entry.auth === "string" && entry.auth !== "") {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (typeof entry.username === "string" && typeof entry.password === "string" && entry.username !== "") {
      return { username: entry.username, password: entry.password };
    }
  }
  return null;
}
function credentialHelperFor(config, keys) {
  if (!config) return null;
  const helpers = config.credHelpers && typeof config.credHelpers === "object" ? config.credHelpers : {};
  for (const key of keys) {
    const helper = Object.hasOwn(helpers, key) ? helpers[key] : void 0;
    if (typeof helper === "string" && helper !== "") return { helper, field: "credHelpers" };
  }
  if (typeof config.credsStore === "string" && config.credsStore !== "") return { helper: config.credsStore, field: "credsStore" };
  return null;
}
function parseCredentials(text) {
  const colon = text.indexOf(":");
  if (colon <= 0) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
function normaliseKey(key) {
  return key.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/(v1|v2)?\/?$/, "");
}

// src/sources/registry/credential-helper.ts
import { spawn as spawn2 } from "node:child_process";
var HELPER_TIMEOUT_MS = 1e4;
var STDOUT_LIMIT = 64 * 1024;
var STDERR_LIMIT = 4 * 1024;
var NOT_FOUND = /credentials not found/i;
function isHelperName(name) {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name);
}
async function runCredentialHelper(name, serverAddress, origin, env, timeoutMs = HELPER_TIMEOUT_MS) {
  const program = `docker-credential-${name}`;
  const instead = "pass --creds or set LAYERDIFF_REGISTRY_USERNAME/LAYERDIFF_REGISTRY_PASSWORD instead";
  const fail = (reason) => new LayerdiffError("auth", `${program} (${origin}): ${reason}; ${instead}`);
  if (!isHelperName(name)) {
    throw new LayerdiffError("auth", `${origin}: "${name.slice(0, 80)}" is not a credential helper name (letters, digits, . _ - only)`);
  }
  const outcome = await new Promise((resolve) => {
    let settled = false;
    const settle = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const child = spawn2(program, ["get"], { env, stdio: ["pipe", "pipe", "pipe"] });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle({ error: "timeout" });
    }, timeoutMs);
    const stdout = [];
    const stderr = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    child.stdout.on("data", (chunk) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > STDOUT_LIMIT) {
        child.kill("SIGKILL");
        settle({ error: "too-long" });
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on("data", (chunk) => {
      if (stderrBytes < STDERR_LIMIT) stderr.push(chunk.subarray(0, STDERR_LIMIT - stderrBytes));
      stderrBytes += chunk.length;
    });
    child.on("error", (error) => settle(error.code === "ENOENT" ? { error: "missing" } : { error: "spawn", message: error.message }));
    child.on("close", (code) => settle({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }));
    child.stdin.on("error", () => {
    });
    child.stdin.end(serverAddress);
  });
  if ("error" in outcome) {
    if (outcome.error === "missing") return { kind: "missing" };
    if (outcome.error === "timeout") throw fail(`did not answer within ${timeoutMs % 1e3 === 0 ? `${timeoutMs / 1e3} s` : `${timeoutMs} ms`} (killed)`);
    if (outcome.error === "too-long") throw fail(`printed more than ${STDOUT_LIMIT / 1024} KiB`);
    throw fail(`cannot be run: ${outcome.message}`);
  }
  if (outcome.code !== 0) {
    if (NOT_FOUND.test(outcome.stdout) || NOT_FOUND.test(outcome.stderr)) return { kind: "not-found" };
    throw fail(`exited with ${outcome.code === null ? "a signal" : `code ${outcome.code}`}${safeFirstLine(outcome.stderr || outcome.stdout)}`);
  }
  let parsed;
  try {
    parsed = parseJsonBounded(outcome.stdout, STDOUT_LIMIT, "credential helper", "answer");
  } catch {
    throw fail("printed something that is not JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw fail("printed JSON that is not an object");
  const { Username: username, Secret: secret } = parsed;
  if (username !== void 0 && typeof username !== "string" || secret !== void 0 && typeof secret !== "string") {
    throw fail("printed JSON whose Username or Secret is not a string");
  }
  if (!secret) return { kind: "not-found" };
  if (username === "<token>") return { kind: "identity-token" };
  if (!username) throw fail("answered a Secret without a Username");
  return { kind: "found", credentials: { username, password: secret } };
}
function safeFirstLine(text) {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  if (line === "" || line.includes("{") || line.length > 200) return "";
  return `: ${line}`;
}

// src/sources/registry/credentials.ts
async function resolveCredentials(name, options2, env, helperTimeoutMs = HELPER_TIMEOUT_MS) {
  const hint = `pass ${(options2.inputNames ?? cliInputNames)("creds")} USER:PASSWORD or run docker login ${name.registry}`;
  if (options2.creds !== void 0 && options2.creds !== "") {
    const origin = options2.credsOrigin ?? "--creds";
    const parsed = parseCredentials(options2.creds);
    if (!parsed) throw new LayerdiffError("usage", `${origin}: expected USER:PASSWORD (the value is not shown)`);
    return { credentials: parsed, origin, hint };
  }
  const keys = credentialKeys(name.registry);
  const config = await readDockerConfig(env, options2.onProgress);
  const fromConfig = findDockerCredentials(config, keys);
  if (fromConfig) return { credentials: fromConfig, origin: "the docker config (auths)", hint };
  let helperNote = "";
  const named = credentialHelperFor(config, keys);
  if (named) {
    const where = `${named.field} in ${dockerConfigPath(env)}`;
    const program = `docker-credential-${named.helper}`;
    const serverAddress = name.registry === DOCKER_HUB ? "https://index.docker.io/v1/" : name.registry;
    const answer = await runCredentialHelper(named.helper, serverAddress, where, env, helperTimeoutMs);
    if (answer.kind === "found") return { credentials: answer.credentials, origin: program, hint };
    if (answer.kind === "missing") {
      helperNote = ` (${program}, named by ${named.field} in the docker config, is not on PATH)`;
      options2.onProgress?.(`${program} (${where}) is not on PATH; trying ${name.registry} without its credentials`);
    } else if (answer.kind === "identity-token") {
      helperNote = ` (${program} holds an identity token, which layerdiff cannot use)`;
    } else {
      helperNote = ` (${program} holds no credentials for ${serverAddress})`;
    }
  }
  if (name.registry === "ghcr.io" && env.GITHUB_TOKEN) {
    return { credentials: { username: env.GITHUB_ACTOR || "github", password: env.GITHUB_TOKEN }, origin: "GITHUB_TOKEN", hint };
  }
  return { credentials: null, origin: null, hint: `${hint}${helperNote}` };
}

// src/sources/registry/index.ts
var DIGEST3 = new RegExp(DIGEST_PATTERN);
async function openRegistryImage(name, ref, options2, finish) {
  return openRegistryImageWith(name, ref, options2, {}, finish);
}
async function openRegistryImageWith(name, ref, options2, tuning, finish = handleFromBlobStore) {
  const subject = ref.raw;
  const env = tuning.env ?? process.env;
  const parsed = parseRegistryName(name, subject);
  const found = await resolveCredentials(parsed, options2, env);
  const insecure = isInsecureHost(parsed.registry, options2.insecureRegistries) || isInsecureHost(parsed.apiHost, options2.insecureRegistries);
  const clientOptions = {
    protocol: insecure ? "http:" : "https:",
    apiHost: parsed.apiHost,
    repository: parsed.repository,
    auth: {
      subject,
      host: parsed.apiHost,
      credentials: found.credentials,
      credentialsOrigin: found.origin,
      insecureRegistries: options2.insecureRegistries ?? [],
      missingCredentialsHint: found.hint
    },
    timeoutMs: tuning.timeoutMs ?? timeoutFromEnv(env) ?? defaultClientTuning.timeoutMs,
    retries: tuning.retries ?? defaultClientTuning.retries,
    backoffMs: tuning.backoffMs ?? defaultClientTuning.backoffMs,
    env
  };
  const client = new RegistryClient(clientOptions);
  return finish(registryBlobStore(client, parsed, subject), { type: "registry", reference: subject }, options2);
}
function registryBlobStore(client, name, subject) {
  let closed = false;
  return {
    subject,
    locality: "remote",
    async top() {
      const doc = await client.getManifest(name.reference, MANIFEST_ACCEPT, JsonCap.manifest);
      const digest = sha256Digest(doc.bytes);
      const expected = name.digest;
      if (expected !== null && expected.startsWith("sha256:") && digest !== expected) {
        throw inputError(subject, `manifest ${expected} does not match its content (got ${digest})`);
      }
      const headerDigest = doc.digest !== void 0 && DIGEST3.test(doc.digest) ? doc.digest : null;
      return {
        kind: "document",
        blob: { bytes: doc.bytes, location: name.reference, contentType: doc.contentType },
        digest: expected ?? headerDigest ?? digest,
        tags: name.tag ? [`${name.registry}/${name.repository}:${name.tag}`] : null
      };
    },
    async readSmall(key, role, cap2) {
      if (!("digest" in key)) return null;
      const doc = role === "manifest" ? await client.getManifest(key.digest, MANIFEST_ACCEPT, cap2) : await client.getSmallBlob(key.digest, cap2, "config");
      return { bytes: doc.bytes, location: key.digest, contentType: doc.contentType };
    },
    // Every blob a manifest lists is in the repository; its size is the descriptor's (no request).
    stat: async (key) => "digest" in key ? { location: key.digest, size: null, head: null } : null,
    open: (blob, what) => client.openBlob(blob.location, blob.size, what),
    async close() {
      if (closed) return;
      closed = true;
      client.close();
    }
  };
}
function timeoutFromEnv(env) {
  const raw = env.LAYERDIFF_REGISTRY_TIMEOUT_MS;
  if (!raw) return void 0;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : void 0;
}

// src/sources/snapshot-file.ts
import { gunzipSync, gzipSync } from "node:zlib";

// src/core/history.ts
var HISTORY_KEEP = 30;
var COMMIT_PATTERN = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
var ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
function historyPointOf(snapshot, commit, date) {
  return {
    commit,
    date,
    size: snapshot.totals.size,
    compressedSize: snapshot.totals.compressedSize,
    layers: snapshot.layers.length
  };
}
function appendHistory(history, point, keep = HISTORY_KEEP) {
  const kept = (history ?? []).filter((p) => p.commit !== point.commit).map((p) => ({ ...p }));
  kept.push({ ...point });
  return kept.slice(Math.max(0, kept.length - keep));
}
function keptHistory(history, keep = HISTORY_KEEP) {
  return history.slice(Math.max(0, history.length - keep)).map((p) => ({
    commit: p.commit,
    date: p.date,
    size: p.size,
    compressedSize: p.compressedSize ?? null,
    layers: p.layers
  }));
}
function withHistory(snapshot, history) {
  const { history: _old, ...rest } = snapshot;
  return history && history.length > 0 ? { ...rest, history: history.map((p) => ({ ...p })) } : rest;
}
function isoDate(text) {
  if (!ISO_DATE_PATTERN.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

// src/layers/index-codec.ts
var FILE_INDEX_FORMAT = "layerdiff/file-index@1";
var MAX_PREFIX = 65535;
var MAX_INDEX_PATH_CHARS = 48 * 1024 * 1024;
var COLUMN_FIELDS = /* @__PURE__ */ new Set([
  "count",
  "paths",
  "kinds",
  "sizes",
  "modes",
  "uids",
  "gids",
  "crcs",
  "links",
  "contentBytes",
  "tarBytes",
  "storedBytes",
  "compression"
]);
var EXTRA_NAME = /^[a-z][A-Za-z0-9]{0,39}$/;
var INDEX_EXTRAS = {
  packages: packageRecordsProblem
};
function encodeLayerIndex(index) {
  const n = index.count;
  const prefix = Buffer.alloc(n * 2);
  const suffix = new Array(n);
  let previous = "";
  for (let i = 0; i < n; i++) {
    const path4 = index.paths[i];
    const shared = Math.min(commonPrefix(previous, path4), MAX_PREFIX);
    prefix.writeUInt16LE(shared, i * 2);
    suffix[i] = path4.slice(shared);
    previous = path4;
  }
  const modes = Buffer.alloc(n * 2);
  const sizes = new Array(n);
  for (let i = 0; i < n; i++) {
    modes.writeUInt16LE(index.modes[i] & 4095, i * 2);
    sizes[i] = index.sizes[i];
  }
  const at = [];
  const to = [];
  for (const [i, target] of [...index.links].sort((a, b) => a[0] - b[0])) {
    at.push(i);
    to.push(target);
  }
  const extra = extraFields(index);
  return {
    format: FILE_INDEX_FORMAT,
    count: n,
    prefix: prefix.toString("base64"),
    suffix,
    kinds: Buffer.from(index.kinds.buffer, index.kinds.byteOffset, n).toString("base64"),
    modes: modes.toString("base64"),
    sizes,
    uids: allZero(index.uids) ? null : u32Base64(index.uids),
    gids: allZero(index.gids) ? null : u32Base64(index.gids),
    crcs: index.crcs ? u32Base64(index.crcs) : null,
    links: { at, to },
    ...extra ? { extra } : {}
  };
}
function newDecodeBudget() {
  return { entries: MAX_DEEP_ENTRIES, pathChars: MAX_INDEX_PATH_CHARS, packageCost: PACKAGE_LIMITS.run };
}
var FileIndexError = class extends Error {
  constructor(where, reason) {
    super(`${where}: ${reason}`);
    this.where = where;
  }
  where;
};
function decodeLayerIndex(json, bytes, budget, where) {
  const n = json.count;
  const fail = (field2, reason) => {
    throw new FileIndexError(`${where}/${field2}`, reason);
  };
  if (!Number.isSafeInteger(n) || n < 0) fail("count", "not a count");
  if (n > budget.entries) fail("count", `more entries than a deep scan indexes (${MAX_DEEP_ENTRIES} over all layers; LAYERDIFF_MAX_ENTRIES raises it)`);
  budget.entries -= n;
  const column = (field2, width2) => {
    const text = json[field2];
    const buf = Buffer.from(text, "base64");
    if (buf.length !== n * width2) fail(field2, `holds ${Math.floor(buf.length / width2)} values for ${n} entries`);
    return buf;
  };
  if (!Array.isArray(json.suffix) || json.suffix.length !== n)
    fail("suffix", `holds ${Array.isArray(json.suffix) ? json.suffix.length : 0} values for ${n} entries`);
  const prefix = column("prefix", 2);
  const paths = new Array(n);
  let previous = "";
  for (let i = 0; i < n; i++) {
    const shared = prefix.readUInt16LE(i * 2);
    if (shared > previous.length) fail(`prefix`, `entry ${i} shares ${shared} characters with a path of ${previous.length}`);
    const suffix = json.suffix[i];
    const length = shared + suffix.length;
    budget.pathChars -= length;
    if (budget.pathChars < 0) fail("suffix", `paths longer than ${MAX_INDEX_PATH_CHARS} characters in all`);
    const path4 = shared === 0 ? suffix : previous.slice(0, shared) + suffix;
    if (normalizeEntryPath(path4) !== path4) fail(`suffix/${i}`, 'not a normalised path (empty, ".", ".." segment, leading or trailing "/")');
    paths[i] = path4;
    previous = path4;
  }
  const kindBytes = column("kinds", 1);
  const kinds = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = kindBytes[i];
    if (k > EntryKind.other) fail("kinds", `entry ${i} has unknown kind ${k}`);
    kinds[i] = k;
  }
  const modeBytes = column("modes", 2);
  const modes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const m = modeBytes.readUInt16LE(i * 2);
    if (m > 4095) fail("modes", `entry ${i} has mode ${m.toString(8)} (more than permission bits)`);
    modes[i] = m;
  }
  if (!Array.isArray(json.sizes) || json.sizes.length !== n)
    fail("sizes", `holds ${Array.isArray(json.sizes) ? json.sizes.length : 0} values for ${n} entries`);
  const sizes = new Float64Array(n);
  let contentBytes2 = 0;
  for (let i = 0; i < n; i++) {
    const s = json.sizes[i];
    if (!Number.isSafeInteger(s) || s < 0) fail("sizes", `entry ${i} has size ${s}`);
    if (s !== 0 && kinds[i] !== EntryKind.file) fail("sizes", `entry ${i} is not a regular file but has ${s} bytes`);
    sizes[i] = s;
    contentBytes2 += s;
  }
  if (!Number.isSafeInteger(contentBytes2)) fail("sizes", "content bytes add up past 2^53");
  const u32 = (field2) => {
    const out = new Uint32Array(n);
    if (json[field2] === null) return out;
    const buf = column(field2, 4);
    for (let i = 0; i < n; i++) out[i] = buf.readUInt32LE(i * 4);
    return out;
  };
  const uids = u32("uids");
  const gids = u32("gids");
  let crcs = null;
  if (json.crcs !== null) {
    const buf = column("crcs", 4);
    crcs = new Int32Array(n);
    for (let i = 0; i < n; i++) crcs[i] = buf.readInt32LE(i * 4);
  }
  const links = /* @__PURE__ */ new Map();
  const { at, to } = json.links;
  if (at.length !== to.length) fail("links", `${at.length} positions for ${to.length} targets`);
  let last = -1;
  for (let j = 0; j < at.length; j++) {
    const i = at[j];
    if (!Number.isSafeInteger(i) || i <= last || i >= n) fail(`links/at/${j}`, `position ${i} is out of order or past ${n} entries`);
    if (kinds[i] !== EntryKind.symlink && kinds[i] !== EntryKind.hardlink) fail(`links/at/${j}`, `entry ${i} is not a link`);
    budget.pathChars -= to[j].length;
    if (budget.pathChars < 0) fail("links", `paths longer than ${MAX_INDEX_PATH_CHARS} characters in all`);
    links.set(i, to[j]);
    last = i;
  }
  const index = { count: n, paths, kinds, sizes, modes, uids, gids, crcs, links, contentBytes: contentBytes2, ...bytes };
  for (const [name, value] of Object.entries(json.extra ?? {})) {
    if (!EXTRA_NAME.test(name) || COLUMN_FIELDS.has(name)) fail(`extra/${name}`, "not a field an index may carry");
    const check = Object.hasOwn(INDEX_EXTRAS, name) ? INDEX_EXTRAS[name] : null;
    if (check === null) continue;
    const reason = check(value);
    if (reason !== null) fail(`extra/${name}`, reason);
    if (name === "packages") {
      budget.packageCost = (budget.packageCost ?? PACKAGE_LIMITS.run) - packageCost(value);
      if (budget.packageCost < 0)
        fail(`extra/${name}`, `more than ${PACKAGE_LIMITS.run} package records and listed paths over all layers (more than a deep scan keeps)`);
    }
    index[name] = value;
  }
  return index;
}
function extraFields(index) {
  const out = {};
  let any = false;
  for (const [name, value] of Object.entries(index)) {
    if (COLUMN_FIELDS.has(name) || value === void 0 || !EXTRA_NAME.test(name) || !isPlainJson(value, 0)) continue;
    out[name] = value;
    any = true;
  }
  return any ? out : null;
}
function isPlainJson(value, depth) {
  if (depth > 32) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every((v) => isPlainJson(v, depth + 1));
  }
  return false;
}
function commonPrefix(a, b) {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i > 0 && i < b.length && isHighSurrogate(b.charCodeAt(i - 1))) i--;
  return i;
}
function isHighSurrogate(c) {
  return c >= 55296 && c <= 56319;
}
function allZero(column) {
  for (let i = 0; i < column.length; i++) if (column[i] !== 0) return false;
  return true;
}
function u32Base64(column) {
  const buf = Buffer.alloc(column.length * 4);
  for (let i = 0; i < column.length; i++) buf.writeUInt32LE(column[i] >>> 0, i * 4);
  return buf.toString("base64");
}

// src/core/multi-report.ts
var MULTI_REPORT_SCHEMA = "layerdiff/multi-report@1";
var MISSING_REPORT_SCHEMA = "layerdiff/missing-report@1";
var RANK = { pass: 0, warn: 1, fail: 2 };
function verdictRank(verdict) {
  return Object.hasOwn(RANK, verdict) ? RANK[verdict] : RANK.fail;
}
function entryVerdict(image) {
  return image.report ? image.report.verdict : "fail";
}
function multiReportOf(images) {
  let verdict = "pass";
  const head = { size: 0, compressedSize: 0, contentSize: 0 };
  const delta = { size: 0, compressedSize: 0, contentSize: 0 };
  let base = null;
  for (const image of images) {
    const v = entryVerdict(image);
    if (verdictRank(v) > verdictRank(verdict)) verdict = v;
    if (!image.report) continue;
    const t = image.report.totals;
    addSizes(head, t.head);
    addSizes(delta, t.delta);
    if (t.base) addSizes(base ??= { size: 0, compressedSize: 0, contentSize: 0 }, t.base);
  }
  return {
    schema: MULTI_REPORT_SCHEMA,
    verdict,
    totals: { base, head, delta },
    images: images.map((image) => ({ ...image, verdict: entryVerdict(image) }))
  };
}
function addSizes(into, add) {
  into.size += add.size;
  into.compressedSize = into.compressedSize === null || add.compressedSize === null ? null : into.compressedSize + add.compressedSize;
  into.contentSize = into.contentSize === null || add.contentSize === null ? null : into.contentSize + add.contentSize;
}

// src/schema/layerdiff-json.ts
var snapshotShape = lazyValidator("snapshot.schema.json");
var reportShape = lazyValidator("report.schema.json");
function validateSnapshotInput(data, subject, pointerPrefix = "") {
  const schema = data?.schema;
  if (data === null || typeof data !== "object" || Array.isArray(data) || schema !== SNAPSHOT_SCHEMA) {
    throw inputError(subject, `unsupported snapshot schema ${describeSchemaField(schema)} (expected ${SNAPSHOT_SCHEMA})`);
  }
  checkShape(snapshotShape, data, subject, SNAPSHOT_SCHEMA, pointerPrefix);
  return data;
}
function validateReport(data, subject) {
  const schema = data?.schema;
  if (data === null || typeof data !== "object" || Array.isArray(data) || schema !== REPORT_SCHEMA) {
    throw inputError(subject, `not a ${REPORT_SCHEMA} (schema ${describeSchemaField(schema)})`);
  }
  checkShape(reportShape, data, subject, REPORT_SCHEMA);
  return data;
}
function parseSnapshotInputJson(input, subject) {
  let data;
  try {
    data = parseJsonBounded(input, JsonCap.snapshot, subject, "snapshot");
  } catch (error) {
    if (error instanceof Error && / is not valid JSON /.test(error.message)) throw inputError(subject, "not JSON, so not a layerdiff snapshot");
    throw error;
  }
  const report = data;
  if (report !== null && typeof report === "object" && report.schema === REPORT_SCHEMA) {
    return validateSnapshotInput(report.head, subject, "/head");
  }
  return validateSnapshotInput(data, subject);
}
function describeSchemaField(value) {
  const text = JSON.stringify(value ?? null) ?? "null";
  return text.length > 60 ? `${text.slice(0, 60)}\u2026` : text;
}
var multiReportShape = lazyValidator("multi-report.schema.json");
var missingReportShape = lazyValidator("multi-report.schema.json#/$defs/missingReport");
function parseMergeInputJson(input, subject, cap2 = JsonCap.report) {
  const data = parseJsonBounded(input, cap2, subject, "report");
  const schema = data?.schema;
  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    if (schema === REPORT_SCHEMA) return { kind: "report", report: validateReport(data, subject) };
    if (schema === MULTI_REPORT_SCHEMA) {
      checkShape(multiReportShape, data, subject, MULTI_REPORT_SCHEMA);
      return { kind: "multi", multi: data };
    }
    if (schema === MISSING_REPORT_SCHEMA) {
      checkShape(missingReportShape, data, subject, MISSING_REPORT_SCHEMA);
      return { kind: "missing", missing: data };
    }
  }
  throw inputError(subject, `not a ${REPORT_SCHEMA}, ${MULTI_REPORT_SCHEMA} or ${MISSING_REPORT_SCHEMA} (schema ${describeSchemaField(schema)})`);
}

// src/sources/snapshot-file.ts
var MAX_SNAPSHOT_BYTES = JsonCap.snapshot;
async function openSnapshotFile(path4, ref) {
  const bytes = await readRegularFile(path4, ref.raw, {
    maxBytes: MAX_SNAPSHOT_BYTES,
    tooLargeReason: "a snapshot is small JSON",
    directoryReason: "is a directory, not a snapshot file",
    missingReason: "no such file"
  });
  const input = parseSnapshotInputJson(snapshotText(bytes, ref.raw), ref.raw);
  const snapshot = completeSnapshot(input, ref.raw);
  const indexes = snapshotIndexes(input, snapshot, ref.raw);
  return snapshotHandle(snapshot, ref.raw, indexes);
}
function snapshotText(bytes, subject) {
  if (bytes.length < 2 || bytes[0] !== 31 || bytes[1] !== 139) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_SNAPSHOT_BYTES });
  } catch (error) {
    const code = error.code;
    if (code === "ERR_BUFFER_TOO_LARGE")
      throw inputError(subject, `gzip-compressed snapshot decompresses to more than ${MAX_SNAPSHOT_BYTES} bytes (the snapshot limit)`);
    throw inputError(subject, `gzip-compressed snapshot is corrupt (${error.message.split("\n")[0]?.slice(0, 120)})`);
  }
}
function snapshotIndexes(input, snapshot, subject) {
  const given = input.layers.filter((layer) => layer.fileIndex !== void 0).length;
  if (given === 0) return null;
  if (given !== input.layers.length) throw inputError(subject, `deep snapshot is incomplete: ${given} of ${input.layers.length} layers have a file index`);
  const budget = newDecodeBudget();
  const indexes = /* @__PURE__ */ new Map();
  input.layers.forEach((layer, i) => {
    const ref = snapshot.layers[i];
    const bytes = { tarBytes: ref.size, storedBytes: ref.compressedSize ?? ref.size, compression: compressionFromMediaType(ref.mediaType) ?? "none" };
    try {
      const index = decodeLayerIndex(layer.fileIndex, bytes, budget, `/layers/${i}/fileIndex`);
      if (!indexes.has(ref.diffId)) indexes.set(ref.diffId, index);
    } catch (error) {
      if (error instanceof FileIndexError) throw inputError(subject, `deep snapshot is invalid at ${error.message}`);
      throw error;
    }
  });
  return indexes;
}
function snapshotFileBytes(snapshot, indexes, options2) {
  let text;
  if (indexes) {
    const layers = snapshot.layers.map((layer) => {
      const index = indexes.get(layer.diffId);
      if (!index) throw new LayerdiffError("internal", `no file index for layer ${layer.index} (${layer.diffId})`);
      return { ...layer, fileIndex: encodeLayerIndex(index) };
    });
    text = JSON.stringify({ ...snapshot, layers }) + "\n";
  } else {
    text = JSON.stringify(snapshot, null, 2) + "\n";
  }
  const json = Buffer.from(text, "utf8");
  if (json.length > MAX_SNAPSHOT_BYTES) {
    throw inputError(options2.subject, `deep snapshot would be ${json.length} bytes of JSON, more than the ${MAX_SNAPSHOT_BYTES} a reader accepts`);
  }
  return options2.gzip ? gzipSync(json, { level: 9 }) : json;
}
function parseSnapshotJson(input, subject) {
  return completeSnapshot(parseSnapshotInputJson(input, subject), subject);
}
function completeSnapshot(input, subject) {
  const layers = input.layers.map((layer, i) => ({
    index: i,
    diffId: layer.diffId,
    digest: layer.digest ?? null,
    mediaType: layer.mediaType ?? null,
    size: layer.size,
    compressedSize: layer.compressedSize ?? null,
    contentSize: layer.contentSize ?? null,
    createdBy: layer.createdBy ?? null,
    files: layer.files ?? null
  }));
  const source = input.source ?? { type: "unknown", reference: subject };
  return {
    schema: SNAPSHOT_SCHEMA,
    source: {
      type: source.type,
      reference: source.reference,
      ...source.format !== void 0 ? { format: source.format } : {},
      ...source.tags !== void 0 ? { tags: [...source.tags] } : {}
    },
    platform: input.platform,
    manifestDigest: input.manifestDigest ?? null,
    configDigest: input.configDigest,
    layers,
    totals: sumSizes(layers),
    // The schema took up to 100 points (checked: hex commits, ISO dates, byte counts); the last 30 stay.
    ...input.history !== void 0 && input.history.length > 0 ? { history: keptHistory(input.history) } : {}
  };
}
function snapshotHandle(snapshot, subject, indexes = null) {
  const [os5, architecture, variant] = snapshot.platform.split("/");
  return {
    source: { ...snapshot.source, type: "snapshot", reference: subject },
    platform: snapshot.platform,
    manifestDigest: snapshot.manifestDigest,
    configDigest: snapshot.configDigest,
    config: { os: os5, architecture, ...variant ? { variant } : {}, rootfs: { type: "layers", diff_ids: snapshot.layers.map((l) => l.diffId) } },
    snapshot,
    ...indexes ? { layerIndexes: indexes } : {},
    layers: snapshot.layers.map((layer, index) => ({
      index,
      diffId: layer.diffId,
      digest: layer.digest,
      mediaType: layer.mediaType,
      storedSize: layer.compressedSize ?? layer.size,
      compression: null,
      uncompressedSize: layer.size,
      createdBy: layer.createdBy,
      open: () => Promise.reject(
        namingError(
          "input",
          (name) => `${subject}: layer ${index} is only described by the snapshot; its bytes cannot be read (${name("deep")} uses a deep snapshot's file indexes instead)`,
          { subject }
        )
      )
    })),
    close: async () => {
    }
  };
}

// src/sources/open.ts
async function openImage(raw, options2 = {}) {
  const ref = parseReference(raw);
  switch (ref.transport) {
    case "path": {
      const info = await stat3(ref.path).catch((error) => {
        throw new LayerdiffError("not-found", error.code === "ENOENT" ? missingPathReason(raw) : `${raw}: ${error.message}`, { subject: raw });
      });
      return info.isDirectory() ? openOciDirectory(ref.path, ref, options2) : openArchive(ref.path, ref, options2);
    }
    case "docker-archive":
    case "oci-archive":
      return openArchive(ref.path, ref, options2);
    case "oci":
      return openOciDirectory(ref.path, ref, options2);
    case "docker":
      return openRegistryImage(ref.name, ref, options2);
    case "docker-daemon":
      return openDaemonImage(ref.name, ref, options2);
    case "snapshot":
      return openSnapshotFile(ref.path, ref);
  }
}
async function openImageSet(raw, options2 = {}) {
  const ref = parseReference(raw);
  const finish = imageSetFromBlobStore;
  switch (ref.transport) {
    case "path": {
      const info = await stat3(ref.path).catch((error) => {
        throw new LayerdiffError("not-found", error.code === "ENOENT" ? missingPathReason(raw) : `${raw}: ${error.message}`, { subject: raw });
      });
      return info.isDirectory() ? openOciDirectory(ref.path, ref, options2, finish) : openArchive(ref.path, ref, options2, finish);
    }
    case "docker-archive":
    case "oci-archive":
      return openArchive(ref.path, ref, options2, finish);
    case "oci":
      return openOciDirectory(ref.path, ref, options2, finish);
    case "docker":
      return openRegistryImage(ref.name, ref, options2, finish);
    case "docker-daemon":
      return openDaemonImage(ref.name, ref, options2, finish);
    case "snapshot": {
      const handle = await openSnapshotFile(ref.path, ref);
      return {
        reference: raw,
        platforms: [handle.platform],
        duplicates: 0,
        open: async () => ({ ...handle, close: async () => void 0 }),
        close: () => handle.close()
      };
    }
  }
}

// src/engine.ts
async function snapshotOf(handle, options2 = {}) {
  if (handle.snapshot) return structuredClone(handle.snapshot);
  const known = options2.known ?? /* @__PURE__ */ new Map();
  const measured = await measureUnknown([handle], known, options2);
  return snapshotFrom(handle, known, measured);
}
async function measureUnknown(handles, known, options2) {
  const limits = options2.limits ?? bombLimitsFrom(process.env);
  const verify = options2.verify ?? false;
  const jobs = [];
  const queued = /* @__PURE__ */ new Set();
  for (const handle of handles) {
    if (!handle || handle.snapshot) continue;
    for (const blob of handle.layers) {
      const unknown = blob.uncompressedSize === null && !known.has(blob.diffId) && !queued.has(blob.diffId);
      if (!verify && !unknown) continue;
      queued.add(blob.diffId);
      jobs.push({ handle, blob });
    }
  }
  const measured = /* @__PURE__ */ new Map();
  await runInLanes(jobs, options2.lanes ?? lanesFrom(process.env), async ({ handle, blob }, signal) => {
    const where = { image: handle.source.reference, layer: blob.index + 1, of: handle.layers.length };
    options2.onEvent?.({ kind: "measuring", ...where, storedBytes: blob.storedSize });
    const m = await measureLayer(blob, {
      subject: layerSubject(handle, blob),
      verify,
      limits,
      stats: options2.stats,
      signal,
      onBytes: (bytes) => options2.onEvent?.({ kind: "decompressed", ...where, bytes })
    });
    measured.set(blob, { size: m.size, compression: m.compression });
    known.set(blob.diffId, m.size);
  });
  return measured;
}
function snapshotFrom(handle, known, measured) {
  const layers = handle.layers.map((blob) => {
    const m = measured.get(blob);
    const size2 = m?.size ?? blob.uncompressedSize ?? known.get(blob.diffId);
    if (size2 === void 0) throw new Error(`layer ${blob.index + 1} of ${handle.source.reference} was not measured`);
    if (!known.has(blob.diffId)) known.set(blob.diffId, size2);
    return {
      index: blob.index,
      diffId: blob.diffId,
      digest: blob.digest,
      mediaType: blob.mediaType,
      size: size2,
      compressedSize: storedCompressedSize(blob, m?.compression ?? blob.compression),
      contentSize: null,
      createdBy: blob.createdBy,
      files: null
    };
  });
  return {
    schema: SNAPSHOT_SCHEMA,
    source: { ...handle.source },
    platform: handle.platform,
    manifestDigest: handle.manifestDigest,
    configDigest: handle.configDigest,
    layers,
    totals: sumSizes(layers)
  };
}
function storedCompressedSize(blob, compression) {
  const stored = compression ?? compressionFromMediaType(blob.mediaType);
  return stored === null || stored === "none" ? null : blob.storedSize;
}
async function snapshotPair(base, head, options2 = {}) {
  const known = new Map(options2.known);
  for (const handle of [base, head]) {
    if (!handle) continue;
    for (const blob of handle.layers) if (blob.uncompressedSize !== null) known.set(blob.diffId, blob.uncompressedSize);
  }
  const measured = await measureUnknown([head, base], known, options2);
  const snapshot = (handle) => handle.snapshot ? structuredClone(handle.snapshot) : snapshotFrom(handle, known, measured);
  return { base: base ? snapshot(base) : null, head: snapshot(head) };
}
function assembleReport(input) {
  const deepInputs = input.deep ?? null;
  const contents = deepInputs ? layerContents(deepInputs.indexes) : null;
  const base = input.base && contents ? withContents(input.base, contents) : input.base;
  const head = contents ? withContents(input.head, contents) : input.head;
  const diff = diffSnapshots(base, head, deepInputs ? { layerFiles: layerFilesOf(deepInputs.indexes) } : {});
  let layers = diff.layers;
  let deep;
  if (deepInputs) {
    const figures = analyzeDeep({ ...deepInputs, rows: diff.layers });
    layers = diff.layers.map((row2, i) => {
      const files = figures.rowFiles[i];
      const packages = figures.rowPackages[i];
      const identicalContent = figures.rowIdentical[i];
      return {
        ...row2,
        ...files === void 0 ? {} : { files },
        ...packages === void 0 ? {} : { packages },
        ...identicalContent === void 0 ? {} : { identicalContent }
      };
    });
    deep = { ...figures.deep, hints: withHintMessages(figures.deep.hints), ...deepInputs.baseIndex ? { baseIndex: deepInputs.baseIndex } : {} };
  }
  let pullEstimate = null;
  if (input.pull) ({ rows: layers, pullEstimate } = withPullEstimates(layers, base, head, input.pull));
  const measured = {
    schema: REPORT_SCHEMA,
    base,
    head,
    layers,
    totals: diff.totals,
    cacheHit: diff.cacheHit,
    ...deep ? { deep } : {}
  };
  const budgets = evaluateBudgets(input.rules ?? [], measured);
  const report = { schema: REPORT_SCHEMA, base, head, layers, totals: diff.totals, cacheHit: diff.cacheHit, budgets, verdict: worstVerdict(budgets) };
  return { ...report, ...deep ? { deep } : {}, ...pullEstimate ? { pullEstimate } : {} };
}
function evaluateBudgets(rules, report) {
  return budgetResults(checkBudgets(rules, report));
}
function withContents(snapshot, contents) {
  const layers = snapshot.layers.map((ref) => {
    const content = contents.get(ref.diffId);
    return content ? { ...ref, contentSize: content.contentSize, files: content.files } : { ...ref };
  });
  return { ...snapshot, layers, totals: sumSizes(layers) };
}
async function compareImages(baseRef, headRef, options2 = {}, baseOverrides = {}) {
  return withRunStats(options2.stats, () => compareImagesCounted(baseRef, headRef, options2, baseOverrides));
}
async function compareImagesCounted(baseRef, headRef, options2, baseOverrides) {
  const run = startRun(options2);
  const baseOptions = { ...openOptions(run), platform: run.basePlatform ?? run.platform, ...definedOnly(baseOverrides) };
  const [base, head] = await openBoth(baseRef === null ? null : () => openImage(baseRef, baseOptions), () => openImage(headRef, openOptions(run)));
  try {
    return await compareHandles(base, head, run);
  } finally {
    await Promise.allSettled([base?.close(), head.close()]);
  }
}
function startRun(options2) {
  const deep = options2.deep === true || (options2.budgets ?? []).some(needsDeepScan);
  return { ...options2, deep, limits: options2.limits ?? bombLimitsFrom(process.env) };
}
async function openBoth(openBase, openHead) {
  const opened = await Promise.allSettled([openBase === null ? Promise.resolve(null) : openBase(), openHead()]);
  const [baseResult, headResult] = opened;
  if (baseResult.status === "rejected" || headResult.status === "rejected") {
    await Promise.allSettled(opened.flatMap((r) => r.status === "fulfilled" && r.value ? [r.value.close()] : []));
    throw baseResult.status === "rejected" ? baseResult.reason : headResult.reason;
  }
  return [baseResult.value, headResult.value];
}
function openOptions(options2) {
  const {
    onEvent,
    verify: _verify,
    deep: _deep,
    diveCompat: _dive,
    budgets: _budgets,
    basePlatform: _basePlatform,
    limits: _limits,
    stats: _stats,
    fingerprint: _fingerprint,
    onIndexes: _onIndexes,
    lanes: _lanes,
    estimatePull: _estimatePull,
    ...open3
  } = options2;
  return { ...open3, ...onEvent ? { onProgress: (message) => onEvent({ kind: "source-note", message }) } : {} };
}
function definedOnly(value) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== void 0));
}
async function compareHandles(base, head, options2 = {}, memo) {
  const run = startRun(options2);
  const indexes = run.deep ? await scanLayers(base, head, { ...scanOptions(run), ...memo ? { cache: memo.scans } : {} }) : null;
  if (indexes) run.onIndexes?.(indexes);
  const snapshots = await snapshotPair(base, head, { ...run, known: new Map([...memo?.sizes ?? [], ...indexes ? scannedSizes(indexes) : []]) });
  if (memo) for (const snapshot of [snapshots.base, snapshots.head]) for (const layer of snapshot?.layers ?? []) memo.sizes.set(layer.diffId, layer.size);
  const baseSource = base ? baseIndexSource(base) : null;
  const deep = indexes ? {
    indexes,
    head: deepImage(head),
    base: base ? { ...deepImage(base), readable: baseSource !== "none" } : null,
    diveCompat: run.diveCompat ?? false,
    ...baseSource === "snapshot" || baseSource === "none" ? { baseIndex: baseSource } : {}
  } : null;
  const pull = run.estimatePull ? await estimatePullSizes(snapshots.base, snapshots.head, head, run) : null;
  return assembleReport({ base: snapshots.base, head: snapshots.head, rules: run.budgets ?? [], deep, pull });
}
async function estimatePullSizes(base, head, handle, run) {
  if (handle.snapshot) return null;
  const refs = new Map(head.layers.map((l) => [l.diffId, l]));
  const blobs = /* @__PURE__ */ new Map();
  for (const blob of handle.layers) if (!blobs.has(blob.diffId)) blobs.set(blob.diffId, blob);
  const jobs = layersToPull(base, head).flatMap((diffId) => {
    const blob = blobs.get(diffId);
    return blob && refs.get(diffId)?.compressedSize === null ? [blob] : [];
  });
  const sizes = /* @__PURE__ */ new Map();
  await runInLanes(jobs, run.lanes ?? lanesFrom(process.env), async (blob, signal) => {
    run.onEvent?.({ kind: "estimating-pull", image: handle.source.reference, layer: blob.index + 1, of: handle.layers.length, bytes: blob.storedSize });
    const estimate = await estimateGzipSize(blob, { subject: layerSubject(handle, blob), limits: run.limits, signal, level: PULL_GZIP_LEVEL });
    sizes.set(blob.diffId, estimate.gzipBytes);
  });
  return { level: PULL_GZIP_LEVEL, sizes };
}
function deepImage(handle) {
  return { diffIds: handle.layers.map((b) => b.diffId), createdBy: handle.layers.map((b) => b.createdBy) };
}
function scanOptions(options2) {
  return { onEvent: options2.onEvent, limits: options2.limits, stats: options2.stats, fingerprint: options2.fingerprint };
}
async function inspectImageDeep(ref, options2 = {}) {
  return withRunStats(options2.stats, () => inspectCounted(ref, options2));
}
async function snapshotImageDeep(ref, options2 = {}) {
  let indexes = null;
  const { snapshot } = await withRunStats(
    options2.stats,
    () => inspectCounted(ref, {
      ...options2,
      deep: true,
      fingerprint: true,
      onIndexes: (scanned) => {
        indexes = scanned;
      }
    })
  );
  if (!indexes) throw new Error("internal: the deep scan returned no indexes");
  return { snapshot, indexes };
}
async function inspectCounted(ref, options2) {
  const run = startRun(options2);
  const handle = await openImage(ref, openOptions(run));
  try {
    return await inspectHandle(handle, run);
  } finally {
    await handle.close();
  }
}
async function inspectHandle(handle, run, memo) {
  const indexes = run.deep ? await scanLayers(null, handle, { ...scanOptions(run), ...memo ? { cache: memo.scans } : {} }) : null;
  if (indexes) run.onIndexes?.(indexes);
  const snapshot = await snapshotOf(handle, { ...run, known: new Map([...memo?.sizes ?? [], ...indexes ? scannedSizes(indexes) : []]) });
  if (memo) for (const layer of snapshot.layers) memo.sizes.set(layer.diffId, layer.size);
  if (!indexes) return { snapshot, deep: null };
  const report = assembleReport({
    base: null,
    head: snapshot,
    deep: { indexes, head: deepImage(handle), base: null, diveCompat: run.diveCompat ?? false, rowFiles: false }
  });
  return { snapshot: report.head, deep: report.deep ?? null };
}

// src/image/platform-set.ts
var MAX_PLATFORMS = 64;
function parsePlatformSelection(text) {
  if (text === void 0 || text.trim() === "") return { kind: "one", platform: void 0 };
  if (text.trim().toLowerCase() === "all") return { kind: "all" };
  const items = text.split(",").map((item) => item.trim());
  if (items.length === 1) {
    parsePlatform(items[0]);
    return { kind: "one", platform: items[0] };
  }
  if (items.some((item) => item === "")) throw namingError("usage", (name) => `${name("platform")}: "${text}" has an empty entry (write os/arch,os/arch)`);
  if (items.length > MAX_PLATFORMS) throw namingError("usage", (name) => `${name("platform")}: ${items.length} platforms listed; at most ${MAX_PLATFORMS}`);
  const seen = /* @__PURE__ */ new Set();
  for (const item of items) {
    const key = formatPlatform(parsePlatform(item));
    if (seen.has(key)) throw namingError("usage", (name) => `${name("platform")}: ${key} is listed twice`);
    seen.add(key);
  }
  return { kind: "list", platforms: items };
}
function isMultiPlatform(selection) {
  return selection.kind !== "one";
}
function selectPlatforms(available, selection, subject) {
  if (selection.kind === "all") {
    if (available.length > MAX_PLATFORMS) {
      throw inputError(subject, `the image index lists ${available.length} platforms; at most ${MAX_PLATFORMS} are compared in one run (list the ones wanted)`);
    }
    return [...available];
  }
  const wanted = selection.platforms.map(parsePlatform);
  return available.filter((name) => {
    const spec = specOf(name);
    return wanted.some((w) => sameNames(w, spec) || platformMatches(w, spec));
  });
}
function pairPlatforms(head, base) {
  const heads = head.map((name) => ({ name, spec: normalized(name) }));
  const bases = base.map((name) => ({ name, spec: normalized(name) }));
  const partner = /* @__PURE__ */ new Map();
  const taken = /* @__PURE__ */ new Set();
  for (const h of heads) {
    const b = bases.find((b2) => !taken.has(b2.name) && sameNames(h.spec, b2.spec));
    if (b) {
      partner.set(h.name, b.name);
      taken.add(b.name);
    }
  }
  for (const h of heads) {
    if (partner.has(h.name)) continue;
    const loose = (x, y) => x.os === y.os && x.architecture === y.architecture && (!x.variant || !y.variant);
    const candidates = bases.filter((b2) => !taken.has(b2.name) && loose(h.spec, b2.spec));
    if (candidates.length !== 1) continue;
    const b = candidates[0];
    const rivals = heads.filter((other) => !partner.has(other.name) && loose(other.spec, b.spec));
    if (rivals.length !== 1) continue;
    partner.set(h.name, b.name);
    taken.add(b.name);
  }
  const pairs = heads.map((h) => ({ platform: h.name, head: h.name, base: partner.get(h.name) ?? null }));
  for (const b of bases) if (!taken.has(b.name)) pairs.push({ platform: b.name, head: null, base: b.name });
  return pairs;
}
function checkListed(selection, head, base, subject) {
  if (selection.kind !== "list") return;
  const all = [...head, ...base].map(specOf);
  for (const item of selection.platforms) {
    const w = parsePlatform(item);
    if (!all.some((spec) => sameNames(w, spec) || platformMatches(w, spec))) {
      throw usageError(`${subject}: no image for platform ${item}; available: ${nameList([.../* @__PURE__ */ new Set([...head, ...base])])}`);
    }
  }
}
function specOf(name) {
  const [os5 = "", architecture = "", ...rest] = name.split("/");
  return { os: os5, architecture, variant: rest.length > 0 ? rest.join("/") : void 0 };
}
function normalized(name) {
  const spec = specOf(name);
  return spec.architecture === "arm64" && spec.variant === "v8" ? { os: spec.os, architecture: "arm64", variant: void 0 } : spec;
}
function sameNames(a, b) {
  const x = a.architecture === "arm64" && a.variant === "v8" ? void 0 : a.variant;
  const y = b.architecture === "arm64" && b.variant === "v8" ? void 0 : b.variant;
  return a.os === b.os && a.architecture === b.architecture && (x ?? "") === (y ?? "");
}

// src/engine-multi.ts
var EMPTY_DIGEST = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
async function comparePlatforms(baseRef, headRef, selection, options2 = {}, baseOverrides = {}, multi = {}) {
  return withRunStats(options2.stats, async () => {
    const { platform: _platform, basePlatform: _basePlatform, ...rest } = options2;
    const run = startRun(rest);
    const open3 = openOptions(run);
    const baseOpen = { ...open3, ...definedOnly(baseOverrides), platform: void 0 };
    const [base, head] = await openBoth(baseRef === null ? null : () => openImageSet(baseRef, baseOpen), () => openImageSet(headRef, open3));
    try {
      for (const set of [base, head]) {
        if (set && set.duplicates > 0) {
          run.onEvent?.({
            kind: "source-note",
            message: `${set.reference}: ${set.duplicates} index entries repeat a platform listed before them; the first manifest of each platform is compared`
          });
        }
      }
      const pairs = planPairs(base, head, selection);
      const memo = { sizes: /* @__PURE__ */ new Map(), scans: /* @__PURE__ */ new Map() };
      const name = multi.name ?? headRef;
      const images = [];
      for (const [i, pair] of pairs.entries()) {
        run.onEvent?.({ kind: "source-note", message: `platform ${i + 1}/${pairs.length}: ${pair.platform}` });
        images.push(await comparePair(pair, base, head, run, memo, name));
      }
      return multiReportOf(images);
    } finally {
      await Promise.allSettled([base?.close(), head.close()]);
    }
  });
}
function planPairs(base, head, selection) {
  const headPlatforms = selectPlatforms(head.platforms, selection, head.reference);
  const basePlatforms = base ? selectPlatforms(base.platforms, selection, base.reference) : [];
  checkListed(selection, head.platforms, base?.platforms ?? [], head.reference);
  return pairPlatforms(headPlatforms, basePlatforms);
}
async function comparePair(pair, base, head, run, memo, name) {
  const baseHandle = base && pair.base !== null ? await base.open(pair.base) : null;
  const headHandle = pair.head !== null ? await head.open(pair.head) : null;
  if (headHandle === null) {
    const snapshot = await snapshotOf(baseHandle, { ...run, known: memo.sizes });
    for (const layer of snapshot.layers) memo.sizes.set(layer.diffId, layer.size);
    const rules = (run.budgets ?? []).filter((rule) => !needsDeepScan(rule));
    const report2 = assembleReport({ base: snapshot, head: emptyHead(head.reference, snapshot), rules });
    return { name, platform: pair.platform, report: report2, change: "removed" };
  }
  const report = await compareHandles(baseHandle, headHandle, run, memo);
  return { name, platform: pair.platform, report, ...base !== null && baseHandle === null ? { change: "added" } : {} };
}
function emptyHead(reference, base) {
  const zero = { size: 0, compressedSize: 0, contentSize: base.totals.contentSize === null ? null : 0 };
  return {
    schema: SNAPSHOT_SCHEMA,
    source: { type: "none", reference },
    // Renders as "head: REF (none)": the head has no image for this platform.
    platform: "none",
    manifestDigest: null,
    configDigest: EMPTY_DIGEST,
    layers: [],
    totals: zero
  };
}
async function inspectPlatforms(ref, selection, options2 = {}) {
  return withRunStats(options2.stats, async () => {
    const run = startRun({ ...options2, platform: void 0 });
    const set = await openImageSet(ref, openOptions(run));
    try {
      const platforms = selectPlatforms(set.platforms, selection, set.reference);
      checkListed(selection, set.platforms, [], set.reference);
      const memo = { sizes: /* @__PURE__ */ new Map(), scans: /* @__PURE__ */ new Map() };
      const out = [];
      for (const platform2 of platforms) out.push(await inspectHandle(await set.open(platform2), run, memo));
      return out;
    } finally {
      await set.close();
    }
  });
}

// src/report/comment-marker.ts
var MARKER_VERSION = "v1";
var KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,99}$/;
var MAX_WORKFLOW_LENGTH = 200;
function isCommentKey(key) {
  return KEY_PATTERN.test(key) && !key.includes("--");
}
function checkCommentKey(key, subject = "comment-key") {
  if (!isCommentKey(key)) {
    throw usageError(`${subject}: "${key}" must be 1-100 letters, digits or ._/:@+- (starting with a letter or digit, no "--")`);
  }
  return key;
}
function buildMarker(key, workflow = null) {
  checkCommentKey(key);
  const scope = workflow ? ` workflow=${encodeWorkflow(workflow)}` : "";
  return `<!-- layerdiff:${MARKER_VERSION} key=${key}${scope} -->`;
}
function encodeWorkflow(workflow) {
  const cut = workflow.length > MAX_WORKFLOW_LENGTH ? workflow.slice(0, MAX_WORKFLOW_LENGTH) : workflow;
  let out = "";
  for (const char of cut) {
    if (/^[A-Za-z0-9._/@+]$/.test(char) || char === "-" && !out.endsWith("-")) out += char;
    else out += [...Buffer.from(char, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  }
  return out;
}

// src/report/base-index-text.ts
var NONE = "The base is a snapshot without file indexes, so file-level changes against it are not shown (wasted space and hints are the head image alone). Save the base with `layerdiff snapshot --deep` (action: `snapshot-path` with `deep: true`) to get them.";
function baseIndexNote(report) {
  return report.deep?.baseIndex === "none" ? NONE : null;
}
function baseIndexMarkdown(report) {
  const note = baseIndexNote(report);
  return note === null ? null : `> [!NOTE]
> ${note}`;
}

// src/report/pull-text.ts
function figureText(estimate, noun = "") {
  if (estimate.estimatedLayers === 0) return `${formatBytes(estimate.bytes)}${noun} (stored compressed sizes)`;
  return `\u2248 ${formatBytes(estimate.bytes)}${noun} (${methodText(estimate)})`;
}
function methodText(estimate) {
  return `estimate, gzip -${numberText(estimate.level)}`;
}
function scopeText(report, estimate) {
  const n = estimate.layers;
  const layers = `${numberText(n)} ${n === 1 ? "layer" : "layers"}`;
  const scope = report.base === null ? `${layers} (no base: the whole image)` : `${layers} the base lacks`;
  const mixed = estimate.estimatedLayers > 0 && estimate.estimatedLayers < estimate.layers ? `; ${numberText(estimate.estimatedLayers)} estimated, the rest at their stored compressed size` : "";
  return `${scope}, ${formatBytes(estimate.uncompressedBytes)} uncompressed${mixed}`;
}
function pullEstimateMarkdownLine(report) {
  const estimate = report.pullEstimate;
  if (!estimate) return null;
  return `**Pull:** ${figureText(estimate)} for ${scopeText(report, estimate)}`;
}
function pullEstimateTextLine(report) {
  const estimate = report.pullEstimate;
  if (!estimate) return null;
  return `Pull: ${figureText(estimate)} for ${scopeText(report, estimate)}`;
}
function pullEstimateCell(row2) {
  return row2.pullSizeEstimate === void 0 ? "" : `\u2248 ${formatBytes(row2.pullSizeEstimate)}`;
}

// src/report/instruction-text.ts
var CUT = "\u2026";
var ARROW = " \u2192 ";
var CONTEXT_WORDS = 3;
var MAX_COMPARED_WORDS = 512;
function instructionTexts(rows, width2) {
  const max = Math.max(1, Math.floor(width2));
  const words = rows.map((r) => wordsOf(r.head ?? r.base));
  const distinct = distinguishingWords(words);
  return rows.map((r, k) => {
    const own4 = words[k];
    if (own4 === null || own4 === void 0) return null;
    if (r.status === "changed" && r.base && r.head) {
      const before = wordsOf(r.base);
      if (before !== null && before.join(" ") !== own4.join(" ")) return changeText(before, own4, max);
    }
    return cutKeeping(own4, distinct[k] ?? 0, max);
  });
}
function wordsOf(layer) {
  const createdBy = layer?.createdBy;
  const text = normaliseCreatedBy(typeof createdBy === "string" ? createdBy : null);
  return text === null || text === "" ? null : text.split(" ");
}
function distinguishingWords(words) {
  const result = words.map(() => 0);
  const present = words.map((w, k) => ({ w, k })).filter((e) => e.w !== null);
  present.sort((a, b) => compareWords(a.w, b.w));
  for (let s = 1; s < present.length; s++) {
    const a = present[s - 1];
    const b = present[s];
    const shared = commonPrefix2(a.w, b.w);
    result[a.k] = Math.max(result[a.k], shared);
    result[b.k] = Math.max(result[b.k], shared);
  }
  return result;
}
function compareWords(a, b) {
  const n = Math.min(a.length, b.length, MAX_COMPARED_WORDS);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return Math.min(a.length, MAX_COMPARED_WORDS) - Math.min(b.length, MAX_COMPARED_WORDS);
}
function commonPrefix2(a, b) {
  const n = Math.min(a.length, b.length, MAX_COMPARED_WORDS);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
function cutKeeping(words, distinct, width2) {
  const full = words.join(" ");
  if (full.length <= width2) return full;
  const at = Math.min(distinct, words.length - 1);
  if (at === 0 || words.slice(0, at + 1).join(" ").length < width2) return truncate(full, width2);
  for (let context = CONTEXT_WORDS; context >= 0; context--) {
    const from = Math.max(1, at - context);
    const text = from <= 1 ? full : `${words[0]} ${CUT} ${words.slice(from).join(" ")}`;
    if (text.length <= width2 || context === 0) return truncate(text, width2);
  }
  return truncate(full, width2);
}
function changeText(before, after, width2) {
  const prefix = commonPrefix2(before, after);
  let suffix = 0;
  while (suffix < Math.min(before.length, after.length) - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const old = before.slice(prefix, before.length - suffix);
  const now = after.slice(prefix, after.length - suffix);
  const lead = after.slice(0, prefix);
  const tail = after.slice(after.length - suffix);
  if (old.length > 0 && now.length > 0) return assemble(lead, replacement(old.join(" "), now.join(" "), width2 - minimalLead(lead)), tail, width2);
  if (prefix > 0 || suffix > 0) {
    const context = prefix > 0 ? lead[lead.length - 1] : tail[0];
    const join = (words) => (prefix > 0 ? [context, ...words] : [...words, context]).join(" ");
    const change2 = `${join(old)}${ARROW}${join(now)}`;
    const shortLead = prefix > 0 ? lead.slice(0, -1) : lead;
    if (minimalLead(shortLead) + change2.length <= width2) return assemble(shortLead, change2, prefix > 0 ? tail : tail.slice(1), width2);
  }
  const change = now.length > 0 ? `+${now.join(" ")}` : `-${old.join(" ")}`;
  return assemble(lead, truncate(change, width2 - minimalLead(lead)), tail, width2);
}
function replacement(old, now, room) {
  const space = Math.max(2, room - ARROW.length);
  if (old.length + now.length <= space) return `${old}${ARROW}${now}`;
  const oldRoom = Math.max(1, Math.min(old.length, Math.floor(space / 3), space - now.length));
  const shownOld = truncate(old, Math.max(oldRoom, space - now.length));
  return `${shownOld}${ARROW}${truncate(now, Math.max(1, space - shownOld.length))}`;
}
function minimalLead(lead) {
  if (lead.length === 0) return 0;
  return Math.min(lead.join(" ").length, `${lead[0]} ${CUT}`.length) + 1;
}
function assemble(lead, change, tail, width2) {
  const leadText = leadFitting(lead, width2 - change.length - 1 - (tail.length > 0 ? 2 : 0));
  let text = leadText === "" ? change : `${leadText} ${change}`;
  for (let k = 0; k < tail.length; k++) {
    const word2 = tail[k];
    const last = k === tail.length - 1;
    if (text.length + 1 + word2.length + (last ? 0 : 2) > width2) return truncate(`${text} ${CUT}`, width2);
    text = `${text} ${word2}`;
  }
  return truncate(text, width2);
}
function leadFitting(lead, room) {
  if (lead.length === 0) return "";
  const whole = lead.join(" ");
  if (whole.length <= room) return whole;
  let text = `${lead[0]} ${CUT}`;
  for (let from = lead.length - 1; from >= 1; from--) {
    const candidate = `${lead[0]} ${CUT} ${lead.slice(from).join(" ")}`;
    if (candidate.length > room) break;
    text = candidate;
  }
  return text;
}

// src/report/markdown-syntax.ts
function table(columns2, rows) {
  const header = `| ${columns2.map((c) => c.title).join(" | ")} |`;
  const rule = `|${columns2.map((c) => c.align === "right" ? "---:" : c.align === "center" ? ":---:" : ":---").join("|")}|`;
  const body = rows.map((cells) => `| ${columns2.map((_, k) => cells[k] ?? "").join(" | ")} |`);
  return [header, rule, ...body].join("\n");
}
var NBSP = "\xA0";
function keepUnits(text) {
  return text.replace(/(\d) ([kMGTP]?B)(?![A-Za-z])/g, `$1${NBSP}$2`);
}
var SAFE_URL = /^https?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?(?:\/[A-Za-z0-9._~/-]*)?(?:#[A-Za-z0-9._-]*)?$/;
function link(text, url) {
  return SAFE_URL.test(url) && url.length <= 2e3 ? `[${text}](${url})` : "";
}

// src/report/package-text.ts
var CHANGE_WORD = {
  added: "added",
  removed: "removed",
  upgraded: "upgraded",
  downgraded: "downgraded",
  changed: "changed"
};
var MANAGERS2 = /* @__PURE__ */ new Set(["dpkg", "apk", "npm", "python"]);
var INSTRUCTION_WIDTH = 60;
function word(table2, value) {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(table2, value) ? table2[value] : null;
}
function plural(n, one, many = `${one}s`) {
  return n === 1 ? one : many;
}
function sumDelta(p) {
  return p.changes.reduce((s, c) => s + (Number.isFinite(c.delta) ? c.delta : 0), 0);
}
function withPackages(rows) {
  return rows.filter((r) => r.packages && Array.isArray(r.packages.changes) && (r.packages.changes.length > 0 || r.packages.otherDelta !== 0));
}
function packageChangeMarkdown(c) {
  const name = mdCode(c.name, { max: FIELD_MAX.identifier });
  const base = c.baseVersion === null ? "" : mdCode(c.baseVersion, { max: FIELD_MAX.identifier });
  const head = c.headVersion === null ? "" : mdCode(c.headVersion, { max: FIELD_MAX.identifier });
  const version = c.change === "added" ? head : c.change === "removed" ? base : [base, head].filter((v) => v !== "").join(" \u2192 ");
  const manager = MANAGERS2.has(c.manager) ? c.manager : mdCode(c.manager, { max: FIELD_MAX.identifier });
  const change = word(CHANGE_WORD, c.change) ?? mdCode(c.change, { max: FIELD_MAX.identifier });
  return `- **${formatBytesDelta(c.delta)}** ${name} ${version} (${manager}, ${change})`;
}
var seeJson = (hidden, what) => `_\u2026 ${numberText(hidden)} more ${what} (see the JSON report)_`;
function packageSectionsMarkdown(rows, options2) {
  const { top, maxLayers = Number.POSITIVE_INFINITY, openLayers = Number.POSITIVE_INFINITY, more = seeJson } = options2;
  const all = withPackages(rows);
  const shown = all.slice(0, maxLayers);
  if (shown.length === 0 || top <= 0) return [];
  const blocks = shown.map((row2, k) => {
    const p = row2.packages;
    const listed = p.changes.slice(0, top);
    const hidden = p.changes.length - listed.length + (Number.isSafeInteger(p.omitted) ? p.omitted : 0);
    const createdBy = row2.head?.createdBy ?? null;
    const instruction = normaliseCreatedBy(typeof createdBy === "string" ? createdBy : null);
    const count = p.changes.length + (Number.isSafeInteger(p.omitted) ? p.omitted : 0);
    const summary2 = `Layer ${htmlEscape(layerNumber(row2))}${instruction ? ` ${htmlCode(instruction, { max: INSTRUCTION_WIDTH })}` : ""}: ${formatBytesDelta(sumDelta(p))} in ${numberText(count)} ${plural(count, "package")}, ${formatBytesDelta(p.otherDelta)} in files no package owns`;
    const items = listed.map(packageChangeMarkdown);
    if (hidden > 0) items.push(`- ${more(hidden, plural(hidden, "package"))}`);
    items.push(`- **${formatBytesDelta(p.otherDelta)}** in files no package owns`);
    return `<details${k < openLayers ? " open" : ""}><summary>${summary2}</summary>

${items.join("\n")}

</details>`;
  });
  const left = all.length - shown.length;
  return ["#### Packages", ...blocks, ...left > 0 ? [more(left, `${plural(left, "layer")} with package changes`)] : []];
}
function packageTextLines(row2, top, width2) {
  const p = row2.packages;
  if (!p || !Array.isArray(p.changes) || top <= 0 || p.changes.length === 0 && p.otherDelta === 0) return [];
  const lines = p.changes.slice(0, top).map((c) => {
    const base = c.baseVersion === null ? "" : terminalText(c.baseVersion, FIELD_MAX.identifier);
    const head = c.headVersion === null ? "" : terminalText(c.headVersion, FIELD_MAX.identifier);
    const version = c.change === "added" ? head : c.change === "removed" ? base : [base, head].filter((v) => v !== "").join(" -> ");
    const change = word(CHANGE_WORD, c.change) ?? terminalText(c.change, FIELD_MAX.identifier);
    return truncate(
      `    ${formatBytesDelta(c.delta).padStart(10)}  ${change.padEnd(10)} ${terminalText(c.name, FIELD_MAX.identifier)} ${version} (${terminalText(c.manager, FIELD_MAX.identifier)})`,
      width2
    );
  });
  const hidden = p.changes.length - Math.min(top, p.changes.length) + (Number.isSafeInteger(p.omitted) ? p.omitted : 0);
  if (hidden > 0) lines.push(`    \u2026 ${hidden} more package changes (see --format json)`);
  lines.push(truncate(`    ${formatBytesDelta(p.otherDelta).padStart(10)}  other      files no package owns`, width2));
  return lines;
}

// src/report/rebuilt-text.ts
var DIFFERS_WORDS = { owner: "owners", order: "tar header order" };
var MAX_DIFFERS = 4;
var markdownStyle = { foreign: (value) => mdCode(value, { max: FIELD_MAX.identifier }) || "?" };
var plainStyle = { foreign: (value) => terminalText(value, FIELD_MAX.identifier) };
function rebuiltRows(rows) {
  return rows.filter(
    (r) => r.status === "changed" && r.identicalContent !== void 0 && r.identicalContent !== null && typeof r.identicalContent === "object"
  );
}
function differsText(rows, style, suffix = "") {
  const seen = [];
  for (const row2 of rows) {
    const differs = row2.identicalContent?.differs;
    if (!Array.isArray(differs)) continue;
    for (const d of differs) {
      const word2 = typeof d === "string" && Object.hasOwn(DIFFERS_WORDS, d) ? DIFFERS_WORDS[d] : style.foreign(d);
      if (!seen.includes(word2) && seen.length < MAX_DIFFERS) seen.push(word2);
    }
  }
  return seen.length === 0 ? "" : ` (${seen.join(", ")}${suffix})`;
}
function bytesText(bytes, compressed) {
  const size2 = formatBytes(bytes);
  return typeof compressed === "number" ? `${size2} (${formatBytes(compressed)} compressed)` : size2;
}
function layerRanges(rows) {
  const numbers = rows.map((r) => r.head?.index).map((i) => typeof i === "number" && Number.isSafeInteger(i) && i >= 0 ? i + 1 : null);
  const known = [...new Set(numbers.filter((n) => n !== null))].sort((a, b) => a - b);
  const parts = [];
  for (let k = 0; k < known.length; ) {
    let end = k;
    while (end + 1 < known.length && known[end + 1] === known[end] + 1) end++;
    parts.push(end === k ? String(known[k]) : `${known[k]}\u2013${known[end]}`);
    k = end + 1;
  }
  if (numbers.includes(null)) parts.push("?");
  return parts.join(", ");
}
function summary(report, style) {
  const rows = rebuiltRows(report.layers);
  if (rows.length === 0) return null;
  let bytes = 0;
  let compressed = 0;
  for (const row2 of rows) {
    const same = row2.identicalContent;
    bytes += typeof same.reusableBytes === "number" ? same.reusableBytes : NaN;
    compressed = compressed !== null && typeof same.reusableCompressedBytes === "number" ? compressed + same.reusableCompressedBytes : null;
  }
  const which = `${rows.length === 1 ? "layer" : "layers"} ${layerRanges(rows)}`;
  return `${which} changed only in metadata${differsText(rows, style)}, the files are identical: ${bytesText(bytes, compressed)} a reproducible build would reuse`;
}
function rebuiltMarkMarkdown(row2) {
  return rebuiltRows([row2]).length === 1 ? "<br>\u{1F552}\xA0same\xA0files" : "";
}
function rebuiltSummaryMarkdown(report) {
  const line = summary(report, markdownStyle);
  return line === null ? null : `\u{1F552} **${capitalise(line)}.**`;
}
function rebuiltRowLines(row2) {
  const rows = rebuiltRows([row2]);
  if (rows.length === 0) return [];
  const same = row2.identicalContent;
  return [
    `    rebuilt with identical content${differsText(rows, plainStyle, " differ")}: ${bytesText(same.reusableBytes, same.reusableCompressedBytes)} reusable`
  ];
}
function rebuiltSummaryText(report) {
  const line = summary(report, plainStyle);
  return line === null ? null : `Rebuilt: ${line}`;
}
function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// src/report/trend-chart.ts
var MIN_TREND_POINTS = 3;
var MAX_BAR_ROWS = 12;
var MAX_NAMED_POINTS = 10;
var BAR_WIDTH = 24;
function trendPoints(report) {
  const history = Array.isArray(report.base?.history) ? report.base.history : [];
  const valid = history.filter(isPlottable);
  const kept = valid.slice(Math.max(0, valid.length - (HISTORY_KEEP - 1)));
  const head = report.totals.head.size;
  if (!isSize(head) || kept.length + 1 < MIN_TREND_POINTS) return [];
  const commits = kept.map((p) => p.commit);
  const numbered = kept.length + 1 > MAX_NAMED_POINTS || new Set(commits).size !== commits.length;
  const labels = numbered ? kept.map((_, k) => String(k + 1)) : shortNames(commits);
  return [...kept.map((p, k) => ({ label: labels[k] ?? "?", commit: p.commit, size: p.size })), { label: "PR", commit: null, size: head }];
}
function isSize(value) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}
function isPlottable(point) {
  if (point === null || typeof point !== "object") return false;
  const { commit, size: size2 } = point;
  return typeof commit === "string" && COMMIT_PATTERN.test(commit) && isSize(size2);
}
function shortNames(commits) {
  const distinct = new Set(commits).size;
  for (let length = 7; length < 64; length++) {
    const names = commits.map((c) => c.slice(0, length));
    if (new Set(names).size === distinct) return names;
  }
  return [...commits];
}
function axisUnit(max) {
  if (max >= 1e12) return { name: "TB", bytes: 1e12 };
  if (max >= 1e9) return { name: "GB", bytes: 1e9 };
  if (max >= 1e6) return { name: "MB", bytes: 1e6 };
  if (max >= 1e3) return { name: "kB", bytes: 1e3 };
  return { name: "B", bytes: 1 };
}
function axisTop(max) {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 15]) {
    if (step * magnitude >= max * 1.05) return Number((step * magnitude).toPrecision(3));
  }
  return Number((15 * magnitude).toPrecision(3));
}
var CHART_COLOURS = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#9ec5f0, #1f6feb"}}}}%%';
function trendMermaid(report) {
  const points = trendPoints(report);
  if (points.length < MIN_TREND_POINTS) return null;
  const max = Math.max(...points.map((p) => p.size));
  const unit = axisUnit(max);
  const inUnit = max / unit.bytes;
  const decimals = Math.max(0, 3 - Math.floor(Math.log10(Math.max(inUnit, 1))));
  const values = points.map((p) => numberText(Number((p.size / unit.bytes).toFixed(decimals))));
  const labels = points.map((p) => `"${oneLine(p.label, FIELD_MAX.identifier).replace(/[^0-9a-zA-Z]/g, "")}"`);
  const commits = points.length - 1;
  return [
    CHART_COLOURS,
    "xychart-beta",
    `  title "Image size: last ${commits} base-branch ${commits === 1 ? "build" : "builds"} and this PR"`,
    `  x-axis [${labels.join(", ")}]`,
    `  y-axis "Uncompressed size (${unit.name})" 0 --> ${numberText(axisTop(inUnit))}`,
    `  bar [${values.join(", ")}]`,
    `  line [${values.join(", ")}]`
  ].join("\n");
}
function trendChartMarkdown(report) {
  const mermaid = trendMermaid(report);
  if (mermaid === null) return null;
  const points = trendPoints(report);
  const first = points[0];
  const base = points[points.length - 2];
  const head = points[points.length - 1];
  if (!first || !base || !head) return null;
  const name = (p) => mdCode(shortNames([p.commit ?? ""])[0] ?? "");
  const words = `<sub>Uncompressed size, oldest first: ${nb(formatBytes(first.size))} at ${name(first)}, ${nb(formatBytes(base.size))} at ${name(base)}, ${nb(formatBytes(head.size))} in this PR.</sub>`;
  return ["```mermaid", mermaid, "```", "", words].join("\n");
}
function nb(text) {
  return text.replace(/ /g, "\xA0");
}
function rowSizes(row2) {
  const base = row2.base === null ? 0 : row2.base.size;
  const head = row2.head === null ? 0 : row2.head.size;
  return isSize(base) && isSize(head) ? { base, head } : null;
}
function sizeBar(base, head, scale, width2 = BAR_WIDTH) {
  if (!(scale > 0)) return "";
  const cells = (bytes) => bytes <= 0 ? 0 : Math.max(1, Math.round(bytes / scale * width2));
  const kept = cells(Math.min(base, head));
  const change = cells(Math.abs(head - base));
  return "\u2588".repeat(kept) + (head >= base ? "\u2592" : "\u2591").repeat(change);
}

// src/report/markdown.ts
var DEFAULT_MAX_LENGTH = 65e3;
var COMMENT_ROWS = 15;
var COMMENT_TOP_FILES = 5;
var COMMENT_OPEN_PACKAGE_LAYERS = 2;
var COMMENT_PACKAGE_LAYERS = 5;
var BAR_CELLS = 12;
var FULL_TOP_FILES = 10;
var INLINE_ADDED_REMOVED = 3;
var PATH_WIDTH = FIELD_MAX.path;
var COMMENT_INSTRUCTION_WIDTH = 60;
var HEADLINE_COLUMNS = 72;
var ROW_CAPS = [Infinity, 1e3, 300, 100, 50, 20, 10, 5, 2, 0];
function commentMarker(key) {
  return buildMarker(key);
}
var SECTIONS = [
  (c) => [headline(c.report)],
  (c) => hasAlert(c.report.budgets) ? budgetTable(c, c.report.budgets) : [],
  // The size trend over the base branch's history (3+ points); the layer bars are a table column.
  (c) => {
    const chart = c.trendChart ? trendChartMarkdown(c.report) : null;
    return chart ? [chart] : [];
  },
  (c) => [sizeLine(c.report)],
  (c) => {
    const pull = pullEstimateMarkdownLine(c.report);
    return pull ? [pull] : [];
  },
  (c) => {
    const note = baseIndexMarkdown(c.report);
    return note ? [note] : [];
  },
  changesSection,
  addedRemovedSection,
  fileSections,
  (c) => packageSectionsMarkdown(c.report.layers, {
    top: c.topFiles,
    maxLayers: c.detail === "comment" ? Math.min(COMMENT_PACKAGE_LAYERS, c.cap) : c.cap,
    openLayers: c.detail === "comment" ? COMMENT_OPEN_PACKAGE_LAYERS : Number.POSITIVE_INFINITY,
    more: (hidden, what) => moreNote(c, hidden, what)
  }),
  unchangedSection,
  wasteSection,
  hintsSection,
  (c) => c.report.budgets.length > 0 && !hasAlert(c.report.budgets) ? passingBudgets(c) : [],
  (c) => [footer(c)]
];
function renderMarkdown(report, options2 = {}) {
  const maxLength = options2.maxLength ?? DEFAULT_MAX_LENGTH;
  const detail = options2.detail ?? "full";
  const topFiles = options2.topFiles ?? (detail === "comment" ? COMMENT_TOP_FILES : FULL_TOP_FILES);
  const links = safeLinks(options2.links);
  const marker = options2.commentKey === void 0 ? [] : [commentMarker(options2.commentKey)];
  const caps = detail === "comment" ? [COMMENT_ROWS, ...ROW_CAPS.filter((c) => c < COMMENT_ROWS)] : ROW_CAPS;
  let parts = [];
  for (const cap2 of caps) {
    const ctx = {
      report,
      detail,
      cap: cap2,
      topFiles: Math.min(topFiles, cap2),
      instructionWidth: detail === "comment" ? COMMENT_INSTRUCTION_WIDTH : FIELD_MAX.instruction,
      links,
      trendChart: options2.trendChart ?? true
    };
    parts = [...marker, ...SECTIONS.flatMap((section) => section(ctx)).filter((p) => p !== "")];
    const body = parts.join("\n\n") + "\n";
    if (body.length <= maxLength) return body;
  }
  return keepWholeSections(parts, maxLength, `_\u2026 the rest of the report did not fit in ${numberText(maxLength)} characters: ${whereAll(detail, links)}_`);
}
function keepWholeSections(parts, maxLength, note) {
  const room = Math.max(0, maxLength - note.length - 3);
  let kept = "";
  for (const part of parts) {
    const next = kept === "" ? part : `${kept}

${part}`;
    if (next.length > room) break;
    kept = next;
  }
  if (kept === "") kept = (parts[0] ?? "").slice(0, room);
  return `${kept}

${note}
`.slice(0, maxLength);
}
function whereAll(detail, links) {
  if (detail === "comment" && links.run) return `every row is in the ${link("job summary", links.run)}`;
  if (links.report) return `every row is in the ${link("JSON report", links.report)}`;
  return detail === "comment" ? "every row is in the job summary and the JSON report" : "every row is in the JSON report (`--format json`)";
}
function moreNote(c, hidden, what) {
  return `_\u2026 ${numberText(hidden)} more ${what}; ${whereAll(c.detail, c.links)}_`;
}
var VERDICT_ICON = { fail: "\u{1F534}", warn: "\u{1F7E1}", pass: "\u{1F7E2}" };
function severityIcon(report) {
  if (report.verdict !== "pass") return own(VERDICT_ICON, report.verdict) ?? "\u2754";
  if (report.base === null) return "\u{1F195}";
  const delta = report.totals.delta.size;
  return delta > 0 ? "\u{1F4C8}" : delta < 0 ? "\u{1F4C9}" : VERDICT_ICON.pass;
}
function headline(report) {
  const icon = severityIcon(report);
  const candidates = headlineCandidates(report).map((pieces) => `${icon} ${pieces.filter((p) => p !== "").join(" \xB7 ")}`);
  const fitting = candidates.find((text) => columns(text) <= HEADLINE_COLUMNS) ?? candidates[candidates.length - 1] ?? icon;
  return `### ${fitting}`;
}
function headlineCandidates(report) {
  const b = report.budgets;
  const rules = [ruleNames(b, Infinity), ruleNames(b, Infinity, false), ruleNames(b, 2), ruleNames(b, 2, false), ruleNames(b, 1, false), ruleCounts(b)];
  if (report.base === null) {
    const n = report.head.layers.length;
    const size2 = `${mdBytes(report.totals.head.size)} in ${numberText(n)} ${plural2(n, "layer")}`;
    const pull2 = report.totals.head.compressedSize === null ? "" : `pull ${mdBytes(report.totals.head.compressedSize)}`;
    return [[size2, pull2, "first snapshot (no base)", rules[0]], [size2, pull2, "no base", rules[0]], ...rules.map((r) => [size2, "no base", r])];
  }
  const delta = report.totals.delta;
  const noChange = delta.size === 0 && report.layers.every((r) => r.status === "unchanged");
  const ratio2 = report.totals.base ? growthRatio(report.totals.base.size, report.totals.head.size) : null;
  const percent = ratio2 === null ? "" : ` (${formatPercentDelta(ratio2, Math.abs(ratio2) >= 0.1 ? 0 : 1)})`;
  const change = noChange ? "no change" : `${mdBytesDelta(delta.size)}${percent}`;
  const shortChange = noChange ? "no change" : mdBytesDelta(delta.size);
  const pull = noChange || delta.compressedSize === null ? "" : `pull ${mdBytesDelta(delta.compressedSize)}`;
  const hit = report.cacheHit?.layers;
  const reuse = hit ? `${numberText(hit.hit)}/${numberText(hit.total)} ${plural2(hit.total, "layer")} reused` : "";
  const shortReuse = hit ? `${numberText(hit.hit)}/${numberText(hit.total)} reused` : "";
  const out = [];
  for (const r of rules) out.push([change, pull, reuse, r], [change, pull, shortReuse, r], [change, shortReuse, r], [shortChange, shortReuse, r]);
  return out;
}
function ruleNames(budgets, max, nameWarnings = true) {
  const names = (status) => {
    const rules = budgets.filter((b) => b.status === status).map((b) => mdText(b.rule, { max: 40 }));
    if (rules.length === 0) return "";
    return rules.length > max ? `${rules.slice(0, max).join(", ")} and ${rules.length - max} more` : rules.join(", ");
  };
  const failed = names("fail");
  const warnings = budgets.filter((b) => b.status === "warn").length;
  const warned = nameWarnings ? names("warn") : warnings > 0 ? `${warnings} ${plural2(warnings, "warning")}` : "";
  return [failed ? `${failed} failed` : "", warned].filter((p) => p !== "").join(", ");
}
function ruleCounts(budgets) {
  const failed = budgets.filter((b) => b.status === "fail").length;
  const warned = budgets.filter((b) => b.status === "warn").length;
  return [failed ? `${failed} ${plural2(failed, "rule")} failed` : "", warned ? `${warned} ${plural2(warned, "warning")}` : ""].filter((p) => p !== "").join(", ");
}
function columns(text) {
  let n = 0;
  for (const ch of text.replace(/\\(?=[!-/:-@[-`{-~])/g, "").replace(/`/g, "")) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp >= 126976 || cp >= 9728 && cp <= 10175 ? 2 : cp === 65039 ? 0 : 1;
  }
  return n;
}
function mdBytes(bytes) {
  return keepUnits(formatBytes(bytes));
}
function mdBytesDelta(bytes) {
  return keepUnits(formatBytesDelta(bytes));
}
function hasCompressed(report) {
  return report.layers.some((r) => r.delta.compressedSize !== null);
}
function sizeLine(report) {
  const { base, head } = report.totals;
  const size2 = base === null ? `**${mdBytes(head.size)}**` : `${mdBytes(base.size)} \u2192 **${mdBytes(head.size)}**`;
  const pullOf = (b, h) => {
    if (h === null) return "";
    return base === null || b === null || b === void 0 ? ` \xB7 pull ${mdBytes(h)}` : ` \xB7 pull ${mdBytes(b)} \u2192 ${mdBytes(h)}`;
  };
  const pull = pullOf(base?.compressedSize, head.compressedSize);
  const bytes = report.cacheHit?.bytes;
  const reused = bytes && bytes.hit > 0 ? ` \xB7 ${mdBytes(bytes.hit)} reused (${formatPercent(bytes.ratio)} of bytes)` : "";
  return `Uncompressed ${size2}${pull}${reused}`;
}
var STATUS_LABEL = {
  changed: `\u270F\uFE0F${NBSP}changed`,
  added: `\u{1F195}${NBSP}added`,
  removed: `\u{1F5D1}\uFE0F${NBSP}removed`,
  unchanged: `\u267B\uFE0F${NBSP}reused`
};
function barScale(rows, bars) {
  if (!bars || rows.length > MAX_BAR_ROWS) return 0;
  const sizes = rows.map(rowSizes).filter((s) => s !== null);
  if (sizes.filter((s) => s.base !== s.head).length < 2) return 0;
  return Math.max(...sizes.map((s) => Math.max(s.base, s.head)));
}
var LAYER_COLUMNS = [
  { title: "", cell: (r) => (own(STATUS_LABEL, r.status) ?? mdCode(r.status, { max: FIELD_MAX.identifier, cell: true })) + rebuiltMarkMarkdown(r) },
  { title: "#", align: "right", cell: (r) => keepUnits(layerNumber(r).replace(/ /g, NBSP)) },
  { title: "Instruction", cell: (_r, rc) => rc.instruction },
  { title: "Base", align: "right", cell: (r) => r.base ? mdBytes(r.base.size) : "" },
  { title: "Head", align: "right", cell: (r) => r.head ? mdBytes(r.head.size) : "" },
  { title: "\u0394", align: "right", cell: (r) => `**${mdBytesDelta(r.delta.size)}**` },
  {
    title: "Pull \u0394",
    align: "right",
    cell: (r) => r.delta.compressedSize === null ? "" : mdBytesDelta(r.delta.compressedSize),
    when: (rows) => rows.some((r) => r.delta.compressedSize !== null)
  },
  {
    title: "Pull (est.)",
    align: "right",
    cell: (r) => keepUnits(pullEstimateCell(r)).replace("\u2248 ", `\u2248${NBSP}`),
    when: (rows) => rows.some((r) => r.pullSizeEstimate !== void 0)
  },
  {
    // Last, like a diffstat: base vs head on one scale, where several layers changed, shows which change matters.
    title: `<sub>\u2592${NBSP}grown \u2591${NBSP}shrunk</sub>`,
    cell: (r, rc) => {
      const sizes = rowSizes(r);
      const bar = sizes && rc.barScale > 0 ? sizeBar(sizes.base, sizes.head, rc.barScale, BAR_CELLS) : "";
      return bar === "" ? "" : `\`${bar}\``;
    },
    when: (_rows, tc) => tc.barScale > 0
  }
];
function layerTable(rows, width2, bars) {
  const instructions = instructionTexts(rows, width2).map((t) => t === null ? "_(no history)_" : mdCode(t, { max: width2, cell: true }));
  const tc = { barScale: barScale(rows, bars) };
  const columns2 = LAYER_COLUMNS.filter((col) => !col.when || col.when(rows, tc));
  return table(
    columns2,
    rows.map((row2, k) => columns2.map((col) => col.cell(row2, { instruction: instructions[k] ?? "", barScale: tc.barScale })))
  );
}
function largestInOrder(rows, cap2) {
  if (rows.length <= cap2) return [...rows];
  const keep = new Set(
    rows.map((row2, i) => ({ i, weight: Math.abs(row2.delta.size) })).sort((a, b) => b.weight - a.weight || a.i - b.i).slice(0, cap2).map((r) => r.i)
  );
  return rows.filter((_, i) => keep.has(i));
}
function collapsesAddedRemoved(report) {
  return report.base !== null && report.layers.filter((r) => r.status === "added" || r.status === "removed").length > INLINE_ADDED_REMOVED;
}
function changesSection(c) {
  const { report } = c;
  const collapsed = collapsesAddedRemoved(report);
  const all = report.layers.filter((r) => r.status !== "unchanged");
  const rows = collapsed ? all.filter((r) => r.status === "changed") : all;
  if (all.length === 0) {
    const n = report.head.layers.length;
    return [n === 0 ? "The head image has no layers." : `No layer changed: all ${numberText(n)} ${plural2(n, "layer")} reused.`];
  }
  if (rows.length === 0) return [];
  const shown = largestInOrder(rows, c.cap);
  const parts = shown.length > 0 ? [layerTable(shown, c.instructionWidth, report.base !== null)] : [];
  if (rows.length > shown.length) parts.push(moreNote(c, rows.length - shown.length, `${plural2(rows.length - shown.length, "layer")} with smaller changes`));
  const rebuilt = rebuiltSummaryMarkdown(c.report);
  if (rebuilt) parts.push(rebuilt);
  return parts;
}
function addedRemovedSection(c) {
  if (!collapsesAddedRemoved(c.report)) return [];
  const rows = c.report.layers.filter((r) => r.status === "added" || r.status === "removed");
  const sum2 = (status) => {
    const of = rows.filter((r) => r.status === status);
    return { n: of.length, bytes: of.reduce((s, r) => s + (typeof r.delta.size === "number" ? r.delta.size : 0), 0) };
  };
  const added = sum2("added");
  const removed = sum2("removed");
  const summary2 = [
    added.n > 0 ? `${added.n} added ${plural2(added.n, "layer")}: ${mdBytesDelta(added.bytes)}` : "",
    removed.n > 0 ? `${removed.n} removed ${plural2(removed.n, "layer")}: ${mdBytesDelta(removed.bytes)}` : ""
  ].filter((p) => p !== "").join(" \xB7 ");
  const shown = largestInOrder(rows, c.cap);
  const inner = shown.length > 0 ? [layerTable(shown, c.instructionWidth, true)] : [];
  if (rows.length > shown.length) inner.push(moreNote(c, rows.length - shown.length, plural2(rows.length - shown.length, "layer")));
  return [details(htmlEscape(summary2), inner)];
}
var FILE_CHANGE_LABEL = {
  added: "added",
  removed: "removed",
  grown: "grown",
  shrunk: "shrunk",
  modified: "modified"
};
function fileSections(c) {
  if (c.topFiles <= 0) return [];
  const rows = c.report.layers.filter((r) => r.status !== "unchanged" && r.files && r.files.changes.length > 0);
  const shown = largestInOrder(rows, c.detail === "comment" ? Math.min(c.cap, 3) : c.cap);
  const parts = shown.map((r) => fileDetails(r, c));
  if (rows.length > shown.length) parts.push(moreNote(c, rows.length - shown.length, `${plural2(rows.length - shown.length, "layer")} with file changes`));
  return parts;
}
function fileDetails(row2, c) {
  const files = row2.files;
  if (!files) return "";
  const counts = ["added", "removed", "grown", "shrunk", "modified"].filter((k) => files[k] > 0).map((k) => `${numberText(files[k])} ${k}`);
  const createdBy = (row2.head ?? row2.base)?.createdBy ?? null;
  const instruction = normaliseCreatedBy(typeof createdBy === "string" ? createdBy : null);
  const label = `Files of layer ${htmlEscape(layerNumber(row2))}${instruction ? ` ${htmlCode(instruction, { max: c.instructionWidth })}` : ""}: ${htmlEscape(counts.join(", ")) || "no file changes"}`;
  const shown = files.changes.slice(0, c.topFiles);
  const rows = shown.map((f) => [
    own(FILE_CHANGE_LABEL, f.change) ?? mdCode(f.change, { max: FIELD_MAX.identifier, cell: true }),
    mdCode(f.path, { max: PATH_WIDTH, middle: true, cell: true }),
    f.baseSize === null ? "" : mdBytes(f.baseSize),
    f.headSize === null ? "" : mdBytes(f.headSize),
    mdBytesDelta(f.delta)
  ]);
  const hidden = files.changes.length - shown.length;
  const inner = [
    table([{ title: "Change" }, { title: "Path" }, { title: "Base", align: "right" }, { title: "Head", align: "right" }, { title: "\u0394", align: "right" }], rows)
  ];
  if (hidden > 0) inner.push(moreNote(c, hidden, `file ${plural2(hidden, "change")}`));
  return details(label, inner);
}
function unchangedSection(c) {
  const rows = c.report.layers.filter((r) => r.status === "unchanged");
  if (rows.length === 0) return [];
  const bytes = rows.reduce((sum2, r) => sum2 + (typeof r.head?.size === "number" ? r.head.size : 0), 0);
  const summary2 = `${rows.length} unchanged ${plural2(rows.length, "layer")} (${formatBytes(bytes)} reused)`;
  const shown = rows.slice(0, c.cap);
  const inner = [];
  if (shown.length > 0) {
    const instructions = instructionTexts(shown, c.instructionWidth).map(
      (t) => t === null ? "_(no history)_" : mdCode(t, { max: c.instructionWidth, cell: true })
    );
    inner.push(
      table(
        [{ title: "#", align: "right" }, { title: "Instruction" }, { title: "Size", align: "right" }],
        shown.map((r, k) => [keepUnits(layerNumber(r).replace(/ /g, NBSP)), instructions[k] ?? "", r.head ? mdBytes(r.head.size) : ""])
      )
    );
  }
  if (rows.length > shown.length) inner.push(moreNote(c, rows.length - shown.length, plural2(rows.length - shown.length, "layer")));
  return [details(htmlEscape(keepUnits(summary2)), inner)];
}
function wasteSection(c) {
  const deep = c.report.deep;
  if (!deep) return [];
  return wasteParts(deep, c.cap, (hidden) => moreNote(c, hidden, `wasted ${plural2(hidden, "path")}`));
}
function wasteParts(deep, cap2, more) {
  const waste = deep.waste;
  const dive = deep.dive ? `

<sub>dive-compatible figures: efficiency ${numberText(deep.dive.efficiency)}, wasted ${mdBytes(deep.dive.wastedBytes)}, user wasted ${formatPercent(deep.dive.userWastedPercent)}.</sub>` : "";
  if (!(waste.wastedBytes > 0)) return dive ? [dive.trim()] : [];
  const summary2 = `Wasted space: ${mdBytes(waste.wastedBytes)} reclaimable, efficiency ${formatPercent(waste.efficiency)}`;
  const paths = waste.paths.slice(0, Math.min(FULL_TOP_FILES, cap2));
  const inner = ["Bytes a later layer overwrote or deleted that still ship (the kept copy counted once)."];
  if (paths.length > 0) {
    inner.push(
      table(
        [{ title: "Path" }, { title: "Wasted", align: "right" }, { title: "Layers" }],
        paths.map((p) => [
          mdCode(p.path, { max: PATH_WIDTH, middle: true, cell: true }),
          mdBytes(p.wastedBytes),
          (Array.isArray(p.layers) ? p.layers : []).map(layerOrdinal).join(", ")
        ])
      )
    );
  }
  if (waste.paths.length > paths.length) inner.push(more(waste.paths.length - paths.length));
  return [details(htmlEscape(summary2), inner) + dive];
}
function hintsSection(c) {
  const deep = c.report.deep;
  if (!deep) return [];
  return hintParts(deep, c.cap, c.instructionWidth, (hidden) => moreNote(c, hidden, plural2(hidden, "hint")));
}
function hintParts(deep, cap2, width2, more) {
  const hints = deep.hints.slice(0, cap2);
  const parts = [];
  if (hints.length > 0) {
    const items = hints.map((h) => {
      const instruction = typeof h.createdBy === "string" ? mdCode(normaliseCreatedBy(h.createdBy), { max: width2 }) : "";
      const layer = h.layerIndex === null ? "" : ` (layer ${layerOrdinal(h.layerIndex)}${instruction ? `: ${instruction}` : ""})`;
      return `- \u{1F4A1} **${mdBytes(h.bytes)}** at stake: ${hintText(h, markdownHintStyle)}${layer}`;
    });
    parts.push(`#### Hints

${items.join("\n")}`);
  }
  if (deep.hints.length > hints.length) parts.push(more(deep.hints.length - hints.length));
  return parts;
}
var BUDGET_ICON = { pass: `\u2705${NBSP}pass`, warn: `\u26A0\uFE0F${NBSP}warn`, fail: `\u274C${NBSP}fail` };
function hasAlert(budgets) {
  return budgets.some((b) => b.status === "fail" || b.status === "warn");
}
function budgetTable(c, budgets) {
  const sorted = [...budgets].sort((a, b) => verdictRank2(b.status) - verdictRank2(a.status));
  const shown = sorted.slice(0, c.cap);
  const rows = shown.map((b) => [
    own(BUDGET_ICON, b.status) ?? mdCode(b.status, { max: FIELD_MAX.identifier, cell: true }),
    mdCode(b.rule, { max: FIELD_MAX.identifier, cell: true }),
    typeof b.limit === "number" ? numberText(b.limit) : keepUnits(mdText(b.limit, { max: FIELD_MAX.identifier, cell: true })),
    b.message === void 0 || b.message === null ? b.actual === null ? "" : numberText(b.actual) : keepUnits(mdText(b.message, { cell: true }))
  ]);
  const parts = shown.length > 0 ? [table([{ title: "Budget" }, { title: "Rule" }, { title: "Limit", align: "right" }, { title: "Measured" }], rows)] : [];
  if (budgets.length > shown.length) parts.push(moreNote(c, budgets.length - shown.length, plural2(budgets.length - shown.length, "budget")));
  return parts;
}
function passingBudgets(c) {
  const n = c.report.budgets.length;
  return [details(`\u2705 ${n} ${plural2(n, "budget")} pass`, budgetTable(c, c.report.budgets))];
}
function verdictRank2(status) {
  return status === "fail" ? 2 : status === "warn" ? 1 : 0;
}
function describeImage(label, snapshot) {
  if (snapshot === null) return `${label}: none (first snapshot)`;
  const manifest = snapshot.manifestDigest === null ? "" : ` \xB7 manifest ${mdCode(shortDigest(snapshot.manifestDigest), { max: FIELD_MAX.identifier })}`;
  return `${label}: ${mdCode(snapshot.source.reference, { max: FIELD_MAX.identifier })} \xB7 ${mdCode(snapshot.platform, { max: FIELD_MAX.identifier })}${manifest} \xB7 config ${mdCode(shortDigest(snapshot.configDigest), { max: FIELD_MAX.identifier })}`;
}
function footer(c) {
  const { links, report } = c;
  const clicks = [
    links.run ? link("workflow run", links.run) : "",
    links.report ? link("JSON report", links.report) : "",
    links.base ? link("base run", links.base) : ""
  ].filter((p) => p !== "");
  const measure2 = `Sizes are uncompressed layer tar bytes${hasCompressed(report) || report.totals.head.compressedSize !== null ? "; pull is the compressed size a client downloads" : ""}.`;
  const lines = [describeImage("Base", report.base), describeImage("Head", report.head), ["layerdiff", ...clicks, measure2].join(" \xB7 ")];
  return `<sub>${lines.join("<br>")}</sub>`;
}
function details(summary2, inner) {
  return `<details><summary>${summary2}</summary>

${inner.join("\n\n")}

</details>`;
}
function safeLinks(links) {
  const out = {};
  for (const key of ["run", "report", "base"]) {
    const url = links?.[key];
    if (typeof url === "string" && link("x", url) !== "") out[key] = url;
  }
  return out;
}
function renderSnapshotMarkdown(snapshot, deep = null, options2 = {}) {
  const maxLength = options2.maxLength ?? DEFAULT_MAX_LENGTH;
  let parts = [];
  for (const cap2 of ROW_CAPS) {
    parts = snapshotParts(snapshot, deep, cap2);
    const body = parts.join("\n\n") + "\n";
    if (body.length <= maxLength) return body;
  }
  return keepWholeSections(parts, maxLength, `_\u2026 the rest did not fit in ${numberText(maxLength)} characters: every layer is in \`--format json\`_`);
}
function snapshotParts(snapshot, deep, cap2) {
  const n = snapshot.layers.length;
  const compressed = snapshot.totals.compressedSize === null ? "" : ` \xB7 pull ${mdBytes(snapshot.totals.compressedSize)}`;
  const known = snapshot.layers.some((l) => l.compressedSize !== null);
  const shown = snapshot.layers.slice(0, cap2);
  const more = (hidden, what) => `_\u2026 ${numberText(hidden)} more ${what}; every one is in \`--format json\`_`;
  const columns2 = [
    { title: "#", align: "right" },
    { title: "Instruction" },
    { title: "Size", align: "right" },
    ...known ? [{ title: "Pull", align: "right" }] : [],
    { title: "Diff ID" }
  ];
  const rows = shown.map((l) => [
    layerOrdinal(l.index),
    instructionCell(l.createdBy),
    mdBytes(l.size),
    ...known ? [l.compressedSize === null ? "" : mdBytes(l.compressedSize)] : [],
    mdCode(shortDigest(l.diffId), { max: FIELD_MAX.identifier, cell: true })
  ]);
  const parts = [
    `### ${mdCode(snapshot.source.reference, { max: FIELD_MAX.identifier })}: ${mdBytes(snapshot.totals.size)}${compressed} \xB7 ${numberText(n)} ${plural2(n, "layer")}`,
    n === 0 ? "The image has no layers." : table(columns2, rows)
  ];
  if (n > shown.length) parts.push(more(n - shown.length, plural2(n - shown.length, "layer")));
  if (deep) {
    parts.push(...wasteParts(deep, cap2, (hidden) => more(hidden, `wasted ${plural2(hidden, "path")}`)));
    parts.push(...hintParts(deep, cap2, FIELD_MAX.instruction, (hidden) => more(hidden, plural2(hidden, "hint"))));
  }
  parts.push(
    `<sub>${describeImage("Image", snapshot)}<br>Size is uncompressed layer tar bytes${known ? "; pull is the compressed size a client downloads" : ""}.</sub>`
  );
  return parts;
}
function instructionCell(createdBy) {
  const normalised = normaliseCreatedBy(typeof createdBy === "string" ? createdBy : null);
  if (normalised === null || normalised === "") return "_(no history)_";
  return mdCode(normalised, { max: FIELD_MAX.instruction, cell: true });
}
function plural2(n, word2) {
  return n === 1 ? word2 : `${word2}s`;
}
function own(map, key) {
  return typeof key === "string" && Object.hasOwn(map, key) ? map[key] : void 0;
}
function layerOrdinal(index) {
  return typeof index === "number" && Number.isFinite(index) ? String(index + 1) : "?";
}

// src/report/multi-figures.ts
function bySeverity(images) {
  return images.map((image, order) => ({ image, order, rank: verdictRank(entryVerdict(image)), weight: Math.abs(changeOf(image)) })).sort(
    (a, b) => b.rank - a.rank || b.weight - a.weight || compareText(a.image.name, b.image.name) || compareText(a.image.platform, b.image.platform) || a.order - b.order
  ).map((entry) => entry.image);
}
function changeOf(image) {
  const size2 = image.report?.totals.delta.size;
  return typeof size2 === "number" && Number.isFinite(size2) ? size2 : 0;
}
function pullDeltaOf(image) {
  const report = image.report;
  if (!report) return null;
  const value = report.totals.base === null ? report.totals.head.compressedSize : report.totals.delta.compressedSize;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
var STATE_RANK = { pass: 0, warn: 1, missing: 2, fail: 3 };
function countsOf(multi) {
  const counts = { images: 0, failed: 0, warned: 0, missing: 0, builds: multi.images.length, failedBuilds: 0, withBase: 0, withBudgets: 0 };
  const byName = /* @__PURE__ */ new Map();
  for (const image of multi.images) {
    const report = image.report;
    const state = !report ? "missing" : report.verdict === "fail" ? "fail" : report.verdict === "warn" ? "warn" : "pass";
    const before = byName.get(image.name);
    if (before === void 0 || STATE_RANK[state] > STATE_RANK[before]) byName.set(image.name, state);
    if (!report) continue;
    if (report.verdict === "fail") counts.failedBuilds++;
    if (report.base !== null) counts.withBase++;
    if (report.budgets.length > 0) counts.withBudgets++;
  }
  counts.images = byName.size;
  for (const state of byName.values()) {
    if (state === "fail") counts.failed++;
    else if (state === "missing") counts.missing++;
    else if (state === "warn") counts.warned++;
  }
  return counts;
}
function rulesWith(image, status) {
  const rules = (image.report?.budgets ?? []).filter((b) => b.status === status).map((b) => b.rule);
  return [...new Set(rules)];
}
function compareText(a, b) {
  const x = typeof a === "string" ? a : "";
  const y = typeof b === "string" ? b : "";
  return x < y ? -1 : x > y ? 1 : 0;
}

// src/report/multi-markdown.ts
var DEFAULT_MULTI_MAX_LENGTH = 65e3;
var ROW_CAPS2 = [Infinity, 200, 100, 50, 20, 10, 5, 1];
var MIN_CUT_DETAIL = 2e3;
var NOTE_RESERVE = 1200;
var NOTE_NAMES = 10;
var VERDICT_ICON2 = { fail: "\u{1F534}", warn: "\u{1F7E1}", pass: "\u{1F7E2}" };
var VERDICT_CELL = { fail: "\u{1F534} fail", warn: "\u{1F7E1} warn", pass: "\u{1F7E2} pass" };
var MISSING_ICON = "\u26AA";
function renderMultiMarkdown(multi, options2 = {}) {
  const maxLength = options2.maxLength ?? DEFAULT_MULTI_MAX_LENGTH;
  const sorted = bySeverity(multi.images);
  const head = [];
  if (options2.commentKey !== void 0) head.push(buildMarker(options2.commentKey));
  head.push(headline2(multi), measureLine());
  let fixed = "";
  for (const cap2 of ROW_CAPS2) {
    fixed = [...head, ...summaryTable(sorted, cap2)].join("\n\n");
    if (fixed.length + NOTE_RESERVE <= maxLength) break;
  }
  if (fixed.length + NOTE_RESERVE > maxLength) return cutWhole(fixed, maxLength);
  const details2 = [];
  const left = [];
  let cut = null;
  const footer2 = footerLine(options2);
  let used = fixed.length + (footer2 === "" ? 0 : footer2.length + 2);
  for (const image of sorted) {
    if (cut !== null || left.length > 0) {
      left.push(image);
      continue;
    }
    const room = maxLength - used - NOTE_RESERVE - 2;
    const full = detailSection(image, options2, Math.max(room, 0), false);
    if (full !== null && full.length <= room) {
      details2.push(full);
      used += full.length + 2;
      continue;
    }
    const shortened = room >= MIN_CUT_DETAIL ? detailSection(image, options2, room, true) : null;
    if (shortened !== null && shortened.length <= room) {
      details2.push(shortened);
      used += shortened.length + 2;
      cut = image;
    } else left.push(image);
  }
  const parts = [fixed, ...details2];
  const note = leftOutNote(left, cut);
  if (note) parts.push(note);
  if (footer2 !== "") parts.push(footer2);
  return parts.join("\n\n") + "\n";
}
function footerLine(options2) {
  const clicks = [
    options2.links?.run ? link("workflow run", options2.links.run) : "",
    options2.links?.report ? link("JSON report", options2.links.report) : ""
  ].filter((p) => p !== "");
  return clicks.length === 0 ? "" : `<sub>${["layerdiff", ...clicks].join(" \xB7 ")}</sub>`;
}
function headline2(multi) {
  const counts = countsOf(multi);
  const icon = headlineIcon(multi, counts.withBase);
  const total = keepUnits(totalText(multi, counts.withBase));
  const candidates = [
    `${icon} layerdiff: ${countsText(counts)} \xB7 ${total}`,
    `${icon} ${countsText(counts)} \xB7 ${total}`,
    `${icon} ${countsText(counts, false)} \xB7 ${total}`,
    `${icon} ${shortCountsText(counts)} \xB7 ${total}`
  ];
  return `### ${candidates.find((text) => columns(text) <= HEADLINE_COLUMNS) ?? candidates[candidates.length - 1]}`;
}
function shortCountsText(counts) {
  const n = counts.images;
  const said = [
    counts.failed > 0 ? `${counts.failed}/${n} ${plural3(n, "image")} over budget` : "",
    counts.missing > 0 ? `${counts.missing}/${n} no report` : "",
    counts.warned > 0 ? `${counts.warned}/${n} warned` : ""
  ].filter((p) => p !== "");
  return said.length > 0 ? said.join(", ") : countsText(counts, false);
}
function countsText(counts, withBuilds = true) {
  const n = counts.images;
  const builds = withBuilds && counts.builds !== counts.images ? ` (${counts.failedBuilds} of ${counts.builds} ${plural3(counts.builds, "build")})` : "";
  const said = [];
  if (counts.failed > 0) said.push(`${counts.failed} of ${n} ${plural3(n, "image")} over budget${builds}`);
  if (counts.missing > 0) said.push(`${counts.missing} of ${n} without a report`);
  if (counts.warned > 0) said.push(`${counts.warned} of ${n} with budget warnings`);
  if (said.length === 0) {
    const platforms = withBuilds && counts.builds !== counts.images ? ` (${counts.builds} ${plural3(counts.builds, "build")})` : "";
    said.push(`${n} ${plural3(n, "image")}${counts.withBudgets > 0 ? " within budget" : ""}${platforms}`);
  }
  return said.join(", ");
}
function headlineIcon(multi, withBase) {
  if (multi.verdict !== "pass") return own2(VERDICT_ICON2, multi.verdict) ?? "\u2754";
  if (withBase === 0) return "\u{1F195}";
  const delta = multi.totals.delta.size;
  return delta > 0 ? "\u{1F4C8}" : delta < 0 ? "\u{1F4C9}" : VERDICT_ICON2.pass;
}
function totalText(multi, withBase) {
  const { base, head, delta } = multi.totals;
  if (withBase === 0 || base === null) return `${formatBytes(head.size)} total (no base)`;
  return `${formatBytesDelta(delta.size)} total`;
}
function measureLine() {
  return "<sub>\u0394: change in uncompressed layer tar bytes (a new image: its whole size). Pull \u0394: change in compressed (stored, pulled) bytes, where every layer is stored compressed. Reuse: share of the head\u2019s bytes in layers reused from the base.</sub>";
}
function summaryTable(sorted, cap2) {
  const shown = sorted.slice(0, cap2);
  const rows = shown.map((image) => [
    nameCell(image.name),
    image.platform === "" ? "\u2014" : mdCode(image.platform, { max: FIELD_MAX.identifier, cell: true }),
    deltaCell(image),
    pullCell(image),
    reuseCell(image),
    verdictCell(image),
    rulesCell(image)
  ]);
  const parts = [
    table(
      [
        { title: "Image" },
        { title: "Platform" },
        { title: "\u0394", align: "right" },
        { title: "Pull \u0394", align: "right" },
        { title: "Reuse", align: "right" },
        { title: "Verdict" },
        { title: "Failing rules" }
      ],
      rows
    )
  ];
  const hidden = sorted.length - shown.length;
  if (hidden > 0) parts.push(`_\u2026 ${hidden} more ${plural3(hidden, "image")} less severe (see the JSON report)_`);
  return parts;
}
function nameCell(name) {
  return mdCode(name, { max: FIELD_MAX.identifier, cell: true }) || "_(no name)_";
}
function deltaCell(image) {
  const report = image.report;
  if (!report) return "\u2014";
  if (report.totals.base === null) return `\u{1F195} ${keepUnits(formatBytes(report.totals.head.size))}`;
  const ratio2 = growthRatio(report.totals.base.size, report.totals.head.size);
  return `**${keepUnits(formatBytesDelta(changeOf(image)))}**${ratio2 === null ? "" : ` (${formatPercentDelta(ratio2)})`}`;
}
function pullCell(image) {
  const pull = pullDeltaOf(image);
  if (pull === null) return "\u2014";
  return keepUnits(image.report?.totals.base === null ? formatBytes(pull) : formatBytesDelta(pull));
}
function reuseCell(image) {
  const cache = image.report?.cacheHit;
  if (!cache || cache.layers.total === 0) return "\u2014";
  return `${formatPercent(cache.bytes.ratio)} (${numberText(cache.layers.hit)}/${numberText(cache.layers.total)} ${plural3(cache.layers.total, "layer")})`;
}
function verdictCell(image) {
  if (!image.report) return `${MISSING_ICON} no report`;
  return own2(VERDICT_CELL, image.report.verdict) ?? mdCode(image.report.verdict, { max: FIELD_MAX.identifier, cell: true });
}
function rulesCell(image) {
  if (!image.report) return mdText(image.error ?? "the leg left no report", { cell: true });
  const failed = rulesWith(image, "fail").map((rule) => mdCode(rule, { max: FIELD_MAX.identifier, cell: true }));
  const warned = rulesWith(image, "warn").map((rule) => `\u26A0\uFE0F ${mdCode(rule, { max: FIELD_MAX.identifier, cell: true })}`);
  return [...failed, ...warned].join(", ");
}
function detailSection(image, options2, maxLength, cut) {
  const open3 = `<details><summary>${summaryLine(image)}</summary>

`;
  const close = "\n</details>";
  if (!image.report) {
    return `${open3}No report: ${mdText(image.error ?? "the leg left no report")}
${close}`;
  }
  const room = maxLength - open3.length - close.length;
  if (cut && room <= 0) return null;
  const inner = renderMarkdown(image.report, {
    topFiles: options2.topFiles,
    ...options2.detail ? { detail: options2.detail } : {},
    ...options2.links ? { links: options2.links } : {},
    trendChart: false,
    maxLength: cut ? room : Math.max(options2.maxLength ?? DEFAULT_MULTI_MAX_LENGTH, DEFAULT_MULTI_MAX_LENGTH)
  });
  return `${open3}${inner.endsWith("\n") ? inner : `${inner}
`}${close}`;
}
function summaryLine(image) {
  const verdict = entryVerdict(image);
  const icon = image.report ? own2(VERDICT_ICON2, verdict) ?? "\u2754" : MISSING_ICON;
  const name = htmlCode(image.name, { max: FIELD_MAX.identifier }) || "(no name)";
  const platform2 = image.platform === "" ? "" : ` \xB7 ${htmlCode(image.platform, { max: FIELD_MAX.identifier })}`;
  const report = image.report;
  const figure = !report ? "no report" : report.totals.base === null ? `new, ${formatBytes(report.totals.head.size)}` : formatBytesDelta(changeOf(image));
  return `${icon} ${name}${platform2} \xB7 ${htmlEscape(figure)}`;
}
function leftOutNote(left, cut) {
  const said = [];
  if (cut !== null) said.push(`the detail of ${labelOf(cut)} is cut`);
  if (left.length > 0) {
    const names = left.slice(0, NOTE_NAMES).map(labelOf);
    const more = left.length > NOTE_NAMES ? ` and ${left.length - NOTE_NAMES} more` : "";
    said.push(`the detail of ${left.length} less severe ${plural3(left.length, "image")} is left out (${names.join(", ")}${more})`);
  }
  if (said.length === 0) return null;
  return `_To stay under GitHub's comment limit, ${said.join("; ")}. The job summary and the JSON report have every image._`;
}
function labelOf(image) {
  const name = mdCode(image.name, { max: 60 }) || "_(no name)_";
  return image.platform === "" ? name : `${name} ${mdCode(image.platform, { max: 40 })}`;
}
function cutWhole(fixed, maxLength) {
  const note = "_\u2026 report truncated (see the JSON report)_";
  const room = Math.max(0, maxLength - note.length - 3);
  let kept = "";
  for (const part of fixed.split("\n\n")) {
    const next = kept === "" ? part : `${kept}

${part}`;
    if (next.length > room) break;
    kept = next;
  }
  return `${kept}

${note}
`;
}
function plural3(n, word2) {
  return n === 1 ? word2 : `${word2}s`;
}
function own2(map, key) {
  return typeof key === "string" && Object.hasOwn(map, key) ? map[key] : void 0;
}

// src/report/colour.ts
var MODES = ["auto", "always", "never"];
function parseColourMode(value, flag) {
  if (value === void 0) return "auto";
  const mode = value.trim().toLowerCase();
  if (MODES.includes(mode)) return mode;
  throw usageError(`${flag}: "${visible(value.slice(0, 40))}" is not one of auto, always, never`);
}
function colourChoice(mode, where) {
  if (mode === "always") return true;
  if (mode === "never") return false;
  const { env } = where;
  if ((env["NO_COLOR"] ?? "") !== "") return false;
  const force = (env["FORCE_COLOR"] ?? "").trim().toLowerCase();
  if (force !== "") return force !== "0" && force !== "false";
  if (env["TERM"] === "dumb") return false;
  return where.isTty;
}
var SGR = {
  bad: ["\x1B[31m", "\x1B[39m"],
  good: ["\x1B[32m", "\x1B[39m"],
  warn: ["\x1B[33m", "\x1B[39m"],
  dim: ["\x1B[2m", "\x1B[22m"],
  strong: ["\x1B[1m", "\x1B[22m"]
};
var plain = (text) => text;
var ansi = (text, tone) => {
  const safe = visible(text);
  if (tone === null || safe === "") return safe;
  const [open3, close] = SGR[tone];
  return `${open3}${safe}${close}`;
};
function painter(colour) {
  return colour ? ansi : plain;
}
function deltaTone(delta) {
  if (typeof delta !== "number" || !Number.isFinite(delta)) return null;
  return delta > 0 ? "bad" : delta < 0 ? "good" : "dim";
}
function statusTone(status) {
  return status === "fail" ? "bad" : status === "warn" ? "warn" : status === "pass" ? "good" : null;
}

// src/report/text.ts
var DEFAULT_WIDTH = 100;
var MIN_INSTRUCTION_WIDTH = 12;
var MEASURE_LINE = "SIZE: uncompressed layer tar bytes; COMPRESSED: stored (pull) bytes, - if none";
function renderText(report, options2 = {}) {
  const { width: width2, topFiles, paint } = textOptions(options2);
  const lines = [];
  lines.push(`base: ${describe(report.base)}`);
  lines.push(`head: ${describe(report.head)}`);
  lines.push(MEASURE_LINE);
  lines.push("");
  const header = ["STATUS", "#", "BASE SIZE", "HEAD SIZE", "DELTA", "COMPRESSED \u0394"];
  const rows = report.layers.map((r) => [
    terminalText(r.status, FIELD_MAX.identifier),
    layerNumber(r),
    r.base ? formatBytes(r.base.size) : "-",
    r.head ? formatBytes(r.head.size) : "-",
    formatBytesDelta(r.delta.size),
    r.delta.compressedSize === null ? "-" : formatBytesDelta(r.delta.compressedSize)
  ]);
  const rightAligned = /* @__PURE__ */ new Set([1, 2, 3, 4, 5]);
  const instructions = (room) => instructionTexts(report.layers, room).map((t) => t === null ? "(no history)" : terminalText(t, FIELD_MAX.message));
  const tones = report.layers.map((r) => rowTones(r, header.length));
  const fileLines = report.layers.map((r) => [
    ...rebuiltRowLines(r).map((l) => truncate(l, width2)),
    ...fileChangeLines(r, topFiles, width2),
    ...packageTextLines(r, topFiles, width2)
  ]);
  append(lines, alignedTable(header, rows, rightAligned, "CREATED BY", instructions, width2, fileLines, { paint, tones }));
  if (report.layers.length === 0) lines.push("(no layers)");
  lines.push("");
  lines.push(totalsLine(report.totals.base, report.totals.head, report.totals.delta, paint));
  const pull = pullEstimateTextLine(report);
  if (pull) lines.push(pull);
  if (report.cacheHit) {
    const { layers, bytes } = report.cacheHit;
    lines.push(
      `Cache hit: ${numberText(layers.hit)}/${numberText(layers.total)} layers reused from the base (${formatPercent(layers.ratio)}), ${formatBytes(bytes.hit)} of ${formatBytes(bytes.total)} (${formatPercent(bytes.ratio)} of bytes)`
    );
  } else {
    lines.push("Cache hit: no base image (first snapshot)");
  }
  const rebuilt = rebuiltSummaryText(report);
  if (rebuilt) lines.push(rebuilt);
  const baseIndex = baseIndexNote(report);
  if (baseIndex) append(lines, ["", `Note: ${baseIndex}`]);
  if (report.deep) append(lines, deepLines(report.deep, width2));
  if (report.budgets.length > 0) {
    lines.push("");
    lines.push("Budgets:");
    const budgetRows = report.budgets.map((b) => [
      statusWord(b.status),
      terminalText(b.rule, FIELD_MAX.identifier),
      typeof b.limit === "number" ? numberText(b.limit) : terminalText(b.limit, FIELD_MAX.identifier),
      b.message === void 0 || b.message === null ? "" : terminalText(b.message)
    ]);
    const budgetTones = report.budgets.map((b) => [statusTone(b.status)]);
    append(lines, alignedTable(["STATUS", "RULE", "LIMIT", "ACTUAL"], budgetRows, /* @__PURE__ */ new Set([2]), null, [], width2, [], { paint, tones: budgetTones }));
  }
  lines.push("");
  lines.push(`Verdict: ${paint(statusWord(report.verdict), statusTone(report.verdict))}`);
  return lines.map((l) => l.trimEnd()).join("\n") + "\n";
}
function deepLines(deep, width2) {
  const lines = [];
  const waste = deep.waste;
  lines.push(`Wasted space: ${formatBytes(waste.wastedBytes)} reclaimable, efficiency ${formatPercent(waste.efficiency)}`);
  if (deep.dive) {
    const dive = deep.dive;
    lines.push(
      `dive-compatible: efficiency ${numberText(dive.efficiency)}, wasted ${numberText(dive.wastedBytes)} bytes, user wasted ${formatPercent(dive.userWastedPercent)}`
    );
  }
  for (const p of waste.paths.slice(0, 10))
    lines.push(
      `  ${formatBytes(p.wastedBytes).padStart(9)}  ${truncate(terminalText(p.path, FIELD_MAX.path, true), Math.max(MIN_INSTRUCTION_WIDTH, width2 - 13))}`
    );
  for (const h of deep.hints) {
    const layer = h.layerIndex === null ? "" : ` [layer ${typeof h.layerIndex === "number" ? h.layerIndex + 1 : "?"}]`;
    lines.push(truncate(`Hint${layer}: ${formatBytes(h.bytes)} at stake: ${hintText(h, plainHintStyle)}`, width2));
  }
  return lines;
}
function renderSnapshotText(snapshot, options2 = {}, deep = null) {
  const { width: width2 } = textOptions(options2);
  const lines = [];
  lines.push(`image: ${describe(snapshot)}`);
  lines.push(
    `config ${terminalText(shortDigest(snapshot.configDigest))}${snapshot.manifestDigest ? `  manifest ${terminalText(shortDigest(snapshot.manifestDigest))}` : ""}`
  );
  lines.push(MEASURE_LINE);
  lines.push("");
  const rows = snapshot.layers.map((l) => [
    typeof l.index === "number" ? String(l.index + 1) : "?",
    formatBytes(l.size),
    l.compressedSize === null ? "-" : formatBytes(l.compressedSize),
    terminalText(shortDigest(l.diffId))
  ]);
  append(
    lines,
    alignedTable(
      ["#", "SIZE", "COMPRESSED", "DIFF ID"],
      rows,
      /* @__PURE__ */ new Set([0, 1, 2]),
      "CREATED BY",
      snapshot.layers.map((l) => instructionText(l.createdBy)),
      width2,
      []
    )
  );
  if (snapshot.layers.length === 0) lines.push("(no layers)");
  lines.push("");
  lines.push(`Total: ${snapshot.layers.length} ${snapshot.layers.length === 1 ? "layer" : "layers"}, ${sizesText(snapshot.totals)}`);
  if (deep) append(lines, ["", ...deepLines(deep, width2)]);
  return lines.map((l) => l.trimEnd()).join("\n") + "\n";
}
function append(lines, items) {
  for (const item of items) lines.push(item);
}
var STATUS_WORD = { pass: "PASS", warn: "WARN", fail: "FAIL" };
function statusWord(status) {
  return typeof status === "string" && Object.hasOwn(STATUS_WORD, status) ? STATUS_WORD[status] : terminalText(status, FIELD_MAX.identifier);
}
function textOptions(options2) {
  const o = typeof options2 === "number" ? { width: options2 } : options2;
  const width2 = o.width !== void 0 && Number.isFinite(o.width) && o.width > 0 ? Math.floor(o.width) : DEFAULT_WIDTH;
  return { width: width2, topFiles: o.topFiles ?? 5, paint: painter(o.colour === true) };
}
function rowTones(row2, columns2) {
  if (row2.status === "unchanged") return Array.from({ length: columns2 + 1 }, () => "dim");
  const tones = Array.from({ length: columns2 + 1 }, () => null);
  tones[0] = deltaTone(row2.delta.size);
  tones[4] = deltaTone(row2.delta.size);
  tones[5] = deltaTone(row2.delta.compressedSize);
  return tones;
}
function describe(snapshot) {
  if (snapshot === null) return "(no base image)";
  return `${terminalText(snapshot.source.reference, FIELD_MAX.identifier)} (${terminalText(snapshot.platform, FIELD_MAX.identifier)})`;
}
function instructionText(createdBy) {
  return terminalText(normaliseCreatedBy(typeof createdBy === "string" ? createdBy : null), FIELD_MAX.message) || "(no history)";
}
function sizesText(sizes) {
  const compressed = sizes.compressedSize === null ? "" : `, ${formatBytes(sizes.compressedSize)} compressed`;
  return `${formatBytes(sizes.size)} uncompressed${compressed}`;
}
function totalsLine(base, head, delta, paint = plain) {
  if (base === null) return `Total: ${sizesText(head)}`;
  const ratio2 = growthRatio(base.size, head.size);
  const compressed = delta.compressedSize === null ? "" : `; compressed ${paint(formatBytesDelta(delta.compressedSize), deltaTone(delta.compressedSize))}`;
  const change = paint(`${formatBytesDelta(delta.size)}${ratio2 === null ? "" : `, ${formatPercentDelta(ratio2)}`}`, deltaTone(delta.size));
  return `Total: ${formatBytes(base.size)} -> ${formatBytes(head.size)} (${change}${compressed})`;
}
function fileChangeLines(row2, topFiles, width2) {
  if (!row2.files || topFiles <= 0) return [];
  const shown = row2.files.changes.slice(0, topFiles);
  const lines = shown.map(
    (c) => truncate(
      `    ${formatBytesDelta(c.delta).padStart(10)}  ${terminalText(c.change, FIELD_MAX.identifier).padEnd(8)} ${terminalText(c.path, FIELD_MAX.path * 4, true)}`,
      width2
    )
  );
  const hidden = row2.files.changes.length - shown.length;
  if (hidden > 0) lines.push(`    \u2026 ${hidden} more file changes (see --format json)`);
  return lines;
}
function alignedTable(header, rows, rightAligned, lastTitle, lastCells, width2, extraLines, style = { paint: plain, tones: [] }) {
  const widths = header.map((h, k) => {
    let widest = h.length;
    for (const r of rows) widest = Math.max(widest, (r[k] ?? "").length);
    return widest;
  });
  const pad = (cells, tones = []) => cells.map((c, k) => {
    const fill = " ".repeat(Math.max(0, (widths[k] ?? 0) - c.length));
    const painted = style.paint(c, tones[k] ?? null);
    return rightAligned.has(k) ? fill + painted : painted + fill;
  }).join("  ");
  const used = widths.reduce((sum2, w) => sum2 + w + 2, 0);
  const room = Math.max(MIN_INSTRUCTION_WIDTH, width2 - used);
  const lines = [pad(header) + (lastTitle === null ? "" : `  ${lastTitle}`)];
  const last = typeof lastCells === "function" ? lastCells(room) : lastCells;
  rows.forEach((r, i) => {
    const tones = style.tones[i] ?? [];
    lines.push(pad(r, tones) + (lastTitle === null ? "" : `  ${style.paint(truncate(last[i] ?? "", room), tones[header.length] ?? null)}`));
    append(lines, extraLines[i] ?? []);
  });
  return lines;
}

// src/report/multi-text.ts
var VERDICT_WORD = { pass: "PASS", warn: "WARN", fail: "FAIL" };
var CELL_MAX = 40;
function renderMultiText(multi, options2 = {}) {
  const sorted = bySeverity(multi.images);
  const lines = [summaryLine2(multi), "DELTA: uncompressed layer tar bytes; PULL DELTA: compressed (stored) bytes, - if unknown", ""];
  const header = ["IMAGE", "PLATFORM", "DELTA", "PULL DELTA", "REUSE", "VERDICT", "FAILING RULES"];
  const rows = sorted.map((image) => [
    terminalText(image.name, CELL_MAX) || "(no name)",
    terminalText(image.platform, CELL_MAX) || "-",
    deltaText(image),
    pullText(image),
    image.report?.cacheHit && image.report.cacheHit.layers.total > 0 ? formatPercent(image.report.cacheHit.bytes.ratio) : "-",
    image.report ? own3(VERDICT_WORD, image.report.verdict) ?? "?" : "NO REPORT",
    rulesText(image)
  ]);
  lines.push(...aligned(header, rows, /* @__PURE__ */ new Set([2, 3, 4])));
  for (const image of sorted) {
    lines.push(
      "",
      `== ${terminalText(image.name, FIELD_MAX.identifier) || "(no name)"}${image.platform ? ` (${terminalText(image.platform, FIELD_MAX.identifier)})` : ""} ==`
    );
    if (image.report) lines.push(renderText(image.report, options2).trimEnd());
    else lines.push(`no report: ${terminalText(image.error ?? "the leg left no report")}`);
  }
  lines.push("", `Verdict: ${own3(VERDICT_WORD, multi.verdict) ?? "?"}`);
  return lines.map((l) => l.trimEnd()).join("\n") + "\n";
}
function summaryLine2(multi) {
  const counts = countsOf(multi);
  const total = counts.withBase === 0 || multi.totals.base === null ? `${formatBytes(multi.totals.head.size)} total (no base)` : `${formatBytesDelta(multi.totals.delta.size)} total`;
  return `layerdiff: ${countsText(counts)}; ${total}`;
}
function deltaText(image) {
  const report = image.report;
  if (!report) return "-";
  return report.totals.base === null ? `new ${formatBytes(report.totals.head.size)}` : formatBytesDelta(changeOf(image));
}
function pullText(image) {
  const pull = pullDeltaOf(image);
  if (pull === null) return "-";
  return image.report?.totals.base === null ? formatBytes(pull) : formatBytesDelta(pull);
}
function rulesText(image) {
  if (!image.report) return terminalText(image.error ?? "the leg left no report", 80);
  const failed = rulesWith(image, "fail").map((r) => terminalText(r, CELL_MAX));
  const warned = rulesWith(image, "warn").map((r) => `${terminalText(r, CELL_MAX)} (warn)`);
  return [...failed, ...warned].join(", ") || (entryVerdict(image) === "pass" ? "" : "?");
}
function aligned(header, rows, right) {
  const all = [header, ...rows];
  const widths = header.map((_, k) => Math.max(...all.map((row2) => width(row2[k] ?? ""))));
  return all.map(
    (row2) => row2.map((cell, k) => {
      const pad = " ".repeat(Math.max(0, (widths[k] ?? 0) - width(cell)));
      return right.has(k) ? pad + cell : cell + pad;
    }).join("  ")
  );
}
function width(text) {
  return Array.from(text).length;
}
function own3(map, key) {
  return typeof key === "string" && Object.hasOwn(map, key) ? map[key] : void 0;
}

// src/report/error-line.ts
function describeError(error, names = cliInputNames) {
  if (error instanceof LayerdiffError) return inertLine(error.messageFor(names));
  if (error instanceof Error) return inertLine(error.message || error.name);
  return inertLine(safeString(error));
}
function inertLine(text) {
  return noLegacyCommand(oneLine(text.replace(/\s*[\r\n]+\s*/g, " ").trim(), FIELD_MAX.message));
}
function safeString(value) {
  try {
    return String(value);
  } catch {
    return "unknown error";
  }
}

// src/report/json.ts
function renderJson(report) {
  return JSON.stringify(report, null, 2) + "\n";
}

// src/report/progress-text.ts
function eventText(event) {
  switch (event.kind) {
    case "measuring":
      return `measuring layer ${event.layer}/${event.of} (${event.storedBytes === null ? "compressed blob" : `${formatBytes(event.storedBytes)} blob`}) of ${event.image}`;
    case "decompressed":
      return `${formatBytes(event.bytes)} decompressed: layer ${event.layer}/${event.of} of ${event.image}`;
    case "estimating-pull":
      return `estimating the pull size of layer ${event.layer}/${event.of} (${event.bytes === null ? "gzip -6" : `${formatBytes(event.bytes)}, gzip -6`}) of ${event.image}`;
    case "scanned":
      return `scanned ${event.done}/${event.of} layers (${event.entries} entries): ${event.subject}`;
    case "warning":
      return `${event.image}: a snapshot holds no layer contents, so only added layers list their files and there is no filesystem diff`;
    case "source-note":
      return event.message;
  }
}

// src/merge.ts
var MAX_MERGE_FILES = 256;
var MAX_MERGE_IMAGES = 1e3;
var MAX_MERGE_BYTES = JsonCap.report;
async function readMergeInputs(files) {
  if (files.length > MAX_MERGE_FILES) {
    throw inputError(files[MAX_MERGE_FILES]?.subject ?? "merge", `more than ${MAX_MERGE_FILES} report files to merge`);
  }
  const inputs = [];
  let total = 0;
  for (const file of files) {
    const left = MAX_MERGE_BYTES - total;
    const bytes = await readRegularFile(file.path, file.subject, {
      maxBytes: Math.min(JsonCap.report, Math.max(left, 0)),
      tooLargeReason: left < JsonCap.report ? `the merged files may hold ${MAX_MERGE_BYTES} bytes in all` : void 0,
      missingReason: "no such file"
    });
    total += bytes.length;
    inputs.push(parseMergeInputJson(bytes, file.subject, JsonCap.report));
  }
  return inputs;
}
function mergeInputs(inputs, missing = []) {
  const entries = [];
  for (const input of inputs) {
    switch (input.kind) {
      case "report":
        entries.push(entryOf(input.report, imageName(input.report)));
        break;
      case "multi":
        for (const image of input.multi.images) {
          entries.push(
            image.report ? { name: image.name, platform: image.platform, report: image.report, ...isChange(image.change) ? { change: image.change } : {} } : missingEntry(image.name, image.platform, image.error)
          );
        }
        break;
      case "missing":
        entries.push(missingEntry(input.missing.name, input.missing.platform ?? "", input.missing.error));
        break;
    }
  }
  for (const name of missing) entries.push(missingEntry(name, "", void 0));
  if (entries.length > MAX_MERGE_IMAGES) throw inputError("merge", `more than ${MAX_MERGE_IMAGES} images to merge (${entries.length})`);
  return multiReportOf(uniqueNames(entries));
}
function imageName(report) {
  const name = typeof report.name === "string" ? report.name.trim() : "";
  if (name !== "") return name;
  const reference = report.head.source?.reference;
  return typeof reference === "string" && reference.trim() !== "" ? reference.trim() : "image";
}
function entryOf(report, name) {
  return { name, platform: typeof report.head.platform === "string" ? report.head.platform : "", report };
}
function isChange(value) {
  return value === "added" || value === "removed";
}
function missingEntry(name, platform2, error) {
  return { name, platform: platform2, report: null, error: error ?? "the leg left no report (it failed before reporting)" };
}
function uniqueNames(entries) {
  const taken = new Set(entries.map((e) => keyOf2(e.name, e.platform)));
  const seen = /* @__PURE__ */ new Set();
  return entries.map((entry) => {
    const key = keyOf2(entry.name, entry.platform);
    if (!seen.has(key)) {
      seen.add(key);
      return entry;
    }
    let n = 2;
    while (taken.has(keyOf2(`${entry.name} (${n})`, entry.platform))) n++;
    const name = `${entry.name} (${n})`;
    taken.add(keyOf2(name, entry.platform));
    seen.add(keyOf2(name, entry.platform));
    return { ...entry, name };
  });
}
function keyOf2(name, platform2) {
  return `${name}\0${platform2}`;
}

// src/version.ts
var VERSION = "0.1.0";

// src/cli.ts
var budgetFlagNames = RULE_NAMES;
var options = {
  platform: { type: "string" },
  "base-platform": { type: "string" },
  image: { type: "string" },
  "base-tag": { type: "string" },
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  deep: { type: "boolean" },
  "dive-compat": { type: "boolean" },
  verify: { type: "boolean" },
  "estimate-pull": { type: "boolean" },
  budgets: { type: "string" },
  creds: { type: "string" },
  "base-creds": { type: "string" },
  username: { type: "string" },
  "password-stdin": { type: "boolean" },
  "insecure-registry": { type: "string", multiple: true },
  "comment-key": { type: "string" },
  name: { type: "string" },
  missing: { type: "string", multiple: true },
  width: { type: "string" },
  color: { type: "string" },
  "history-from": { type: "string" },
  commit: { type: "string" },
  date: { type: "string" },
  stats: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
  ...Object.fromEntries(budgetFlagNames.map((name) => [name, { type: "string" }]))
};
var cliFlagNames = Object.keys(options);
var usage = `layerdiff ${VERSION}: what a change did to a container image, layer by layer

Usage:
  layerdiff diff <base> <head> [options]    compare two images
  layerdiff inspect <image> [options]       one image's layers (like docker history)
  layerdiff snapshot <image> -o file.json   save a snapshot to use later as a base (snapshot:file.json)
  layerdiff snapshot <image> --deep -o file.json.gz
                                            with every layer's file index, so diff --deep works against it
      [--history-from old.json] [--commit SHA [--date ISO]]   carry the size history on, add this commit
  layerdiff merge <report.json>...          one report (and one comment) for many images and platforms

Image references:
  PATH                          docker save / OCI / containerd / kaniko archive (.tar or .tar.gz) or OCI
                                layout directory, detected from content
  docker-archive:PATH  oci-archive:PATH  oci:DIR
  docker://HOST/REPO:TAG        registry (OCI distribution API); also @sha256:DIGEST
  docker-daemon:NAME:TAG        local Docker daemon (docker save, streamed)
  snapshot:PATH                 a snapshot saved by 'layerdiff snapshot' (plain or gzip-compressed)

Options:
  --platform os/arch[/variant]  platform to pick from multi-platform images (default: host, else the only one);
                                'all' or a comma list (linux/amd64,linux/arm64): every platform, each
                                compared with the base's same platform (diff, inspect)
  --base-platform P             platform for the base when it differs from --platform
  --image NAME:TAG              image to pick from an archive holding several
  --base-tag NAME:TAG           image to pick from the base archive (default: --image)
  -f, --format text|markdown|json   output format (default: text)
  -o, --output FILE             write the report to FILE instead of stdout
  --deep                        look inside changed layers: files changed, wasted space, hints
  --dive-compat                 with --deep, also print dive's efficiency figures
  --verify                      hash every layer and check it against its diff_id
  --estimate-pull               diff: estimate the pull size of the head's changed and added layers
                                stored uncompressed (docker save), by gzip -6 as pushes compress them
  --creds USER:PASSWORD         registry credentials for the head (and the base unless --base-creds)
  --base-creds USER:PASSWORD    registry credentials for the base
  --username USER               registry user for the head (and the base unless --base-creds); the
                                password from --password-stdin or LAYERDIFF_REGISTRY_PASSWORD
  --password-stdin              read that password from stdin, as docker login does
  --insecure-registry HOST      talk plain HTTP to HOST (repeatable)
  --comment-key KEY             add the sticky-comment marker <!-- layerdiff:KEY --> to Markdown
  --name NAME                   diff: the image's name when reports are merged (default: --comment-key,
                                else the head reference)
  --missing NAME                merge: a leg that left no report (repeatable): a "no report" row
  --width N                     text table width (default: the terminal's, else 160)
  --color auto|always|never     colour the text report (default auto: when stdout is a terminal and
                                NO_COLOR is unset or empty; FORCE_COLOR forces it)
  --history-from FILE           snapshot: carry the size history of this earlier snapshot (the trend
                                chart of a later diff against it)
  --commit SHA                  snapshot: add this image as commit SHA (40 or 64 hex) to the history
  --date ISO                    with --commit: when it was committed (default: now), e.g. 2026-12-01T08:00:00Z
  --stats                       print I/O counters (bytes read, layers decompressed) as JSON on stderr
  -q, --quiet                   no progress lines
  --debug                       stack traces on errors
  -h, --help  -V, --version

Budgets (sizes like 500MB, 1.5GiB, 123; growth and ratios also as 5%):
  --max-size S  --max-compressed-size S  --max-growth S|P  --max-layer-growth S|P
  --min-cache-hit P  --max-wasted S  --min-efficiency P      (a failure exits 1)
  --warn-size, --warn-compressed-size, --warn-growth, --warn-layer-growth, --warn-cache-hit,
  --warn-wasted, --warn-efficiency                           (same, but only warn)
  --budgets FILE                lines of "rule: value", e.g. "max-growth: 5%"

Registry access: without the flags above, LAYERDIFF_REGISTRY_USERNAME and LAYERDIFF_REGISTRY_PASSWORD
  (the base: LAYERDIFF_BASE_REGISTRY_USERNAME/_PASSWORD if set), then ~/.docker/config.json (auths,
  then the credHelpers/credsStore helper), then GITHUB_TOKEN for ghcr.io. HTTPS_PROXY, HTTP_PROXY and
  NO_PROXY (lowercase too) route registry requests.

Exit codes: 0 budgets pass or warn, 1 a budget failed, 2 bad usage or unreadable input.
`;
var processIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  get stderrIsTty() {
    return Boolean(process.stderr.isTTY);
  },
  get stdoutIsTty() {
    return Boolean(process.stdout.isTTY);
  },
  get columns() {
    return process.stdout.columns;
  }
};
async function main(argv, io = processIo) {
  let flags = {};
  try {
    const parsed = parseFlags(argv);
    flags = parsed.values;
    if (flags.version) {
      io.stdout(`${VERSION}
`);
      return 0;
    }
    const [command, ...positionals] = parsed.positionals;
    if (flags.help || command === void 0 || command === "help") {
      io.stdout(usage);
      return command === void 0 && !flags.help ? 2 : 0;
    }
    if (flags["comment-key"] !== void 0) checkCommentKey(flags["comment-key"], "--comment-key");
    if (command === "merge") return await runMerge(positionals, flags, io);
    if (flags.missing !== void 0) throw usageError("--missing: only `layerdiff merge` takes it");
    if (flags.name !== void 0 && command !== "diff") throw usageError("--name: only `layerdiff diff` takes it (it names the image in a merged report)");
    if (command !== "diff" && command !== "inspect" && command !== "snapshot") {
      throw usageError(`unknown command "${command}" (expected diff, inspect, snapshot or merge; see layerdiff --help)`);
    }
    const history = await historyPlan(command, flags);
    colourMode(flags);
    const creds = await givenCredentials(flags, io);
    const progress = makeProgress(io, flags.quiet ?? false);
    const stats2 = newRunStats();
    try {
      switch (command) {
        case "diff":
          return await runDiff(positionals, flags, io, { progress, stats: stats2 }, creds);
        case "inspect":
          return await runInspect(positionals, flags, io, { progress, stats: stats2 }, "inspect", creds.head);
        case "snapshot":
          return await runInspect(positionals, flags, io, { progress, stats: stats2 }, "snapshot", creds.head, history);
        default:
          throw usageError(`unknown command "${String(command)}"`);
      }
    } finally {
      progress.done();
      if (flags.stats) io.stderr(`${JSON.stringify({ stats: { ...stats2, maxRssBytes: process.resourceUsage().maxRSS * 1024 } })}
`);
    }
  } catch (error) {
    return reportError(error, io, flags.debug ?? false);
  }
}
async function givenCredentials(flags, io) {
  checkCredentialFlags({ creds: flags.creds, username: flags.username, passwordStdin: flags["password-stdin"] === true });
  const passwordFromStdin = flags["password-stdin"] ? await readPasswordFromStdin(io.stdin ?? process.stdin) : void 0;
  return credentialsFromCli({ creds: flags.creds, baseCreds: flags["base-creds"], username: flags.username, passwordFromStdin }, io.env ?? process.env);
}
async function runDiff(positionals, flags, io, { progress, stats: stats2 }, creds) {
  if (positionals.length !== 2) throw usageError(`diff takes two images, <base> and <head> (got ${positionals.length})`);
  const [baseRef, headRef] = positionals;
  const format = outputFormat(flags);
  const budgets = await collectBudgets(flags);
  const engine = {
    ...engineOptions(flags, progress, creds.head),
    stats: stats2,
    budgets,
    basePlatform: flags["base-platform"],
    // Budget rules that need the deep scan switch it on in the engine (the action gets the same).
    deep: flags.deep === true,
    estimatePull: flags["estimate-pull"] === true
  };
  const baseOverrides = { image: flags["base-tag"] ?? flags.image, creds: creds.base?.creds, credsOrigin: creds.base?.origin };
  const selection = multiSelection(flags);
  if (selection !== null) {
    const multi = await comparePlatforms(baseRef, headRef, selection, engine, baseOverrides, { name: reportName(flags) });
    progress.done();
    await emit(renderMulti(multi, format, flags, io), flags, io);
    return multi.verdict === "fail" ? 1 : 0;
  }
  const computed = await compareImages(baseRef, headRef, engine, baseOverrides);
  const name = reportName(flags);
  const report = name === void 0 ? computed : { ...computed, name };
  progress.done();
  await emit(renderReport(report, format, flags, io), flags, io);
  return report.verdict === "fail" ? 1 : 0;
}
async function runInspect(positionals, flags, io, { progress, stats: stats2 }, command, creds, history = null) {
  if (positionals.length !== 1) throw usageError(`${command} takes one image (got ${positionals.length})`);
  const budgetFlag = flags.budgets !== void 0 ? "budgets" : budgetFlagNames.find((name) => flags[name] !== void 0);
  if (budgetFlag !== void 0) throw usageError(`${command} does not check budgets (--${budgetFlag} given); budgets apply to layerdiff diff <base> <head>`);
  if (flags["estimate-pull"] === true)
    throw usageError(`${command} does not estimate pull sizes (--estimate-pull given); it applies to layerdiff diff <base> <head>`);
  const selection = multiSelection(flags);
  if (command === "snapshot") {
    if (selection !== null) throw usageError(`snapshot: a snapshot holds one platform; give --platform os/arch (run it once per platform for several)`);
    return await runSnapshot(positionals[0], flags, io, { progress, stats: stats2 }, creds, history);
  }
  const format = outputFormat(flags);
  const deep = flags.deep === true;
  if (selection !== null) {
    const all = await inspectPlatforms(positionals[0], selection, { ...engineOptions(flags, progress, creds), deep, stats: stats2 });
    progress.done();
    await emit(renderSnapshots(all, format, flags, io), flags, io);
    return 0;
  }
  const inspected = await inspectImageDeep(positionals[0], { ...engineOptions(flags, progress, creds), deep, stats: stats2 });
  progress.done();
  await emit(renderSnapshot(inspected.snapshot, inspected.deep, format, flags, io), flags, io);
  return 0;
}
async function runSnapshot(ref, flags, io, { progress, stats: stats2 }, creds, history) {
  const engine = { ...engineOptions(flags, progress, creds), stats: stats2 };
  const { snapshot: measured, indexes } = flags.deep === true ? await snapshotImageDeep(ref, engine) : { snapshot: await inspectImageDeep(ref, { ...engine, deep: false }).then((r) => r.snapshot), indexes: null };
  progress.done();
  const snapshot = history ? applyHistory(measured, history) : measured;
  const output = flags.output;
  const bytes = snapshotFileBytes(snapshot, indexes, { gzip: output !== void 0 && output.endsWith(".gz"), subject: ref });
  if (output === void 0) {
    io.stdout(bytes.toString("utf8"));
    return 0;
  }
  try {
    await writeFile(output, bytes);
  } catch (error) {
    throw new LayerdiffError("usage", `--output ${output}: ${error.message}`);
  }
  const what = indexes ? `deep snapshot (${[...indexes.values()].reduce((n, index) => n + index.count, 0)} entries, ${bytes.length} bytes)` : "snapshot";
  io.stderr(`layerdiff: ${what} of ${oneLine(ref)} written to ${oneLine(output)}
`);
  return 0;
}
function reportName(flags) {
  const name = (flags.name ?? flags["comment-key"])?.trim();
  if (name === void 0 || name === "") return void 0;
  if (Array.from(name).length > MAX_NAME_LENGTH2) throw usageError(`--name: longer than ${MAX_NAME_LENGTH2} characters`);
  return name;
}
var MAX_NAME_LENGTH2 = 200;
async function runMerge(positionals, flags, io) {
  const budgetFlag = flags.budgets !== void 0 ? "budgets" : budgetFlagNames.find((name) => flags[name] !== void 0);
  if (budgetFlag !== void 0) throw usageError(`merge does not check budgets (--${budgetFlag} given); each report carries its own verdict`);
  if (flags.name !== void 0) throw usageError("--name: names the image of `layerdiff diff`; merge takes each name from its report");
  const missing = (flags.missing ?? []).map((name) => name.trim());
  if (missing.some((name) => name === "" || Array.from(name).length > MAX_NAME_LENGTH2))
    throw usageError(`--missing: a name of 1-${MAX_NAME_LENGTH2} characters`);
  if (positionals.length === 0 && missing.length === 0) throw usageError("merge takes one or more report files (layerdiff/report@1 or multi-report@1)");
  const format = outputFormat(flags);
  const inputs = await readMergeInputs(positionals.map((file) => ({ path: file, subject: file })));
  const multi = mergeInputs(inputs, missing);
  const text = format === "json" ? renderJson(multi) : format === "markdown" ? renderMultiMarkdown(multi, flags["comment-key"] !== void 0 ? { commentKey: flags["comment-key"] } : {}) : renderMultiText(multi, { width: textWidth(flags, io) });
  await emit(text, flags, io);
  return multi.verdict === "fail" ? 1 : 0;
}
async function historyPlan(command, flags) {
  const given = ["history-from", "commit", "date"].filter((name) => flags[name] !== void 0);
  if (given.length === 0) return null;
  if (command !== "snapshot") throw usageError(`--${given[0]} applies to layerdiff snapshot only (the history a snapshot carries)`);
  if (flags.date !== void 0 && flags.commit === void 0) throw usageError("--date: dates the commit given by --commit (none given)");
  let commit = null;
  if (flags.commit !== void 0) {
    const sha = flags.commit.trim().toLowerCase();
    if (!COMMIT_PATTERN.test(sha)) throw usageError(`--commit: "${oneLine(flags.commit, 80)}" is not a full commit hash (40 or 64 hex digits)`);
    const date = flags.date === void 0 ? (/* @__PURE__ */ new Date()).toISOString() : isoDate(flags.date.trim());
    if (date === null) throw usageError(`--date: "${oneLine(flags.date, 80)}" is not an ISO 8601 date and time with a zone (e.g. 2026-12-01T08:00:00Z)`);
    commit = { sha, date };
  }
  let from;
  if (flags["history-from"] !== void 0) {
    const subject = `--history-from ${flags["history-from"]}`;
    const bytes = await readRegularFile(flags["history-from"], subject, {
      maxBytes: MAX_SNAPSHOT_BYTES,
      tooLargeReason: "a snapshot is small JSON",
      directoryReason: "is a directory, not a snapshot file",
      missingReason: "no such file"
    });
    from = parseSnapshotJson(bytes, subject).history;
  }
  return { from, fromFile: flags["history-from"] !== void 0, commit };
}
function applyHistory(snapshot, plan) {
  const from = plan.fromFile ? plan.from : snapshot.history;
  const history = plan.commit ? appendHistory(from, historyPointOf(snapshot, plan.commit.sha, plan.commit.date)) : from;
  return withHistory(snapshot, history);
}
function colourMode(flags) {
  return parseColourMode(flags.color, "--color");
}
function parseFlags(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw usageError(`${error.message.replace(/\. To specify a positional argument.*$/, "")} (see layerdiff --help)`);
  }
  refuseSplitSizes(parsed.tokens);
  return parsed;
}
function refuseSplitSizes(tokens = []) {
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    if (token.kind !== "positional" || previous?.kind !== "option" || !isSizeUnit(token.value)) return;
    if (!budgetFlagNames.includes(previous.name) || typeof previous.value !== "string") return;
    if (!/^\+?[\d.]+$/.test(previous.value.trim())) return;
    const flag = previous.rawName;
    const [number, unit] = [previous.value, token.value];
    throw usageError(
      `${flag} ${number} ${unit}: the shell passed "${unit}" as a separate argument (it would be read as an image); write ${flag} ${number}${unit} or ${flag} "${number} ${unit}"`
    );
  });
}
function engineOptions(flags, progress, creds) {
  const multi = multiSelection(flags) !== null;
  if (flags["base-platform"] !== void 0) parsePlatform(flags["base-platform"]);
  return {
    platform: multi ? void 0 : flags.platform,
    image: flags.image,
    creds: creds?.creds,
    credsOrigin: creds?.origin,
    insecureRegistries: flags["insecure-registry"],
    verify: flags.verify ?? false,
    deep: flags.deep ?? false,
    diveCompat: flags["dive-compat"] ?? false,
    onEvent: (event) => progress.update(eventText(event))
  };
}
var MAX_BUDGETS_FILE_BYTES = 1024 * 1024;
async function collectBudgets(flags) {
  const rules = [];
  if (flags.budgets) {
    const subject = `--budgets ${flags.budgets}`;
    const bytes = await readRegularFile(flags.budgets, subject, { maxBytes: MAX_BUDGETS_FILE_BYTES, missingReason: "no such file" });
    for (const rule of parseBudgetLines(bytes.toString("utf8"), subject)) rules.push(rule);
  }
  const given = Object.fromEntries(budgetFlagNames.map((name) => [name, flags[name]]));
  for (const rule of budgetRulesFromFlags(given)) rules.push(rule);
  return rules;
}
function outputFormat(flags) {
  const format = flags.format ?? "text";
  if (format === "text" || format === "markdown" || format === "json") return format;
  if (format === "md") return "markdown";
  throw usageError(`--format: "${format}" is not one of text, markdown, json`);
}
function renderReport(report, format, flags, io) {
  switch (format) {
    case "json":
      return renderJson(report);
    case "markdown":
      return renderMarkdown(report, flags["comment-key"] !== void 0 ? { commentKey: flags["comment-key"] } : {});
    case "text":
      return renderText(report, { width: textWidth(flags, io), colour: useColour(flags, io) });
  }
}
function multiSelection(flags) {
  const selection = parsePlatformSelection(flags.platform);
  if (!isMultiPlatform(selection)) return null;
  if (flags["base-platform"] !== void 0)
    throw usageError(`--base-platform: not with --platform ${flags.platform} (each head platform is compared with the base's same platform)`);
  return selection;
}
function renderMulti(multi, format, flags, io) {
  switch (format) {
    case "json":
      return renderJson(multi);
    case "markdown":
      return renderMultiMarkdown(multi, flags["comment-key"] !== void 0 ? { commentKey: flags["comment-key"] } : {});
    case "text":
      return renderMultiText(multi, { width: textWidth(flags, io) });
  }
}
function renderSnapshots(all, format, flags, io) {
  if (format === "json")
    return JSON.stringify(
      all.map(({ snapshot, deep }) => deep ? { ...snapshot, deep } : snapshot),
      null,
      2
    ) + "\n";
  return all.map(({ snapshot, deep }) => renderSnapshot(snapshot, deep, format, flags, io)).join("\n");
}
function renderSnapshot(snapshot, deep, format, flags, io) {
  switch (format) {
    case "json":
      return JSON.stringify(deep ? { ...snapshot, deep } : snapshot, null, 2) + "\n";
    case "markdown":
      return renderSnapshotMarkdown(snapshot, deep);
    case "text":
      return renderSnapshotText(snapshot, textWidth(flags, io), deep);
  }
}
function useColour(flags, io) {
  const mode = colourMode(flags);
  if (flags.output !== void 0 && mode !== "always") return false;
  return colourChoice(mode, { isTty: io.stdoutIsTty ?? false, env: io.env ?? process.env });
}
function textWidth(flags, io) {
  if (flags.width !== void 0) {
    const n = Number(flags.width);
    if (!Number.isInteger(n) || n < 40) throw usageError(`--width: "${flags.width}" is not a whole number of columns >= 40`);
    return n;
  }
  return io.columns && io.columns >= 40 ? io.columns : 160;
}
async function emit(text, flags, io) {
  if (flags.output) {
    try {
      await writeFile(flags.output, text);
    } catch (error) {
      throw new LayerdiffError("usage", `--output ${flags.output}: ${error.message}`);
    }
    return;
  }
  io.stdout(text.endsWith("\n") ? text : text + "\n");
}
function reportError(error, io, debug) {
  const message = describeError(error);
  io.stderr(`layerdiff: ${message}
`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${logText(error.stack)}
`);
  if (!isLayerdiffError(error) && !debug) io.stderr("layerdiff: (unexpected error; run with --debug for details)\n");
  return 2;
}
function makeProgress(io, quiet) {
  if (quiet || !io.stderrIsTty) return { update: () => {
  }, done: () => {
  } };
  let shown = false;
  let last = 0;
  return {
    update(message) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const width2 = Math.max(20, (process.stderr.columns || 80) - 1);
      io.stderr(`\r\x1B[2K${oneLine(message, width2)}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr("\r\x1B[2K");
      shown = false;
    }
  };
}

// src/cli-entry.ts
process.exitCode = await main(process.argv.slice(2));
