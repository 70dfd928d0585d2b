/**
 * A small TensorFlow Lite model runner on the shared tfjs backend: it reads a `.tflite` flatbuffer
 * and executes its operators with tfjs ops. It covers the operators of MediaPipe's selfie
 * segmentation models (convolutions, pooling, element-wise maths, resizing and MediaPipe's custom
 * `Convolution2DTransposeBias`), which lets the engine use the model files Google ships in npm
 * without a conversion step or a second ML runtime. An unknown operator is an error at load time.
 */
import { tf } from './tf.js';
import { parse, TensorType, type OperatorInfo, type TensorInfo } from './tflite-flatbuffer.js';

/** Builtin operator codes of the TFLite schema that this runner executes. */
const Op = {
  ADD: 0,
  AVERAGE_POOL_2D: 1,
  CONCATENATION: 2,
  CONV_2D: 3,
  DEPTHWISE_CONV_2D: 4,
  DEQUANTIZE: 6,
  LOGISTIC: 14,
  MAX_POOL_2D: 17,
  MUL: 18,
  RELU: 19,
  RELU6: 21,
  RESHAPE: 22,
  RESIZE_BILINEAR: 23,
  CUSTOM: 32,
  PAD: 34,
  MEAN: 40,
  HARD_SWISH: 117,
} as const;

export interface TfliteModel {
  inputShape: number[];
  outputShape: number[];
  /** Run the model on one input tensor; the caller disposes the result. */
  predict(input: tf.Tensor): tf.Tensor;
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function constantData(t: TensorInfo): Float32Array | Int32Array {
  const raw = t.data!;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const n = raw.byteLength / (t.type === TensorType.FLOAT16 ? 2 : 4);
  if (t.type === TensorType.INT32)
    return Int32Array.from({ length: n }, (_, i) => view.getInt32(i * 4, true));
  if (t.type === TensorType.FLOAT16)
    return Float32Array.from({ length: n }, (_, i) => halfToFloat(view.getUint16(i * 2, true)));
  if (t.type === TensorType.FLOAT32)
    return Float32Array.from({ length: n }, (_, i) => view.getFloat32(i * 4, true));
  throw new Error(`tflite: constant tensor ${t.name} has unsupported type ${t.type}`);
}

function activation(x: tf.Tensor, code: number): tf.Tensor {
  const name = activationName(code);
  return name === 'relu' ? tf.relu(x) : name === 'relu6' ? tf.relu6(x) : x;
}

function activationName(code: number): 'linear' | 'relu' | 'relu6' {
  switch (code) {
    case 0:
      return 'linear';
    case 1:
      return 'relu';
    case 3:
      return 'relu6';
    default:
      throw new Error(`tflite: unsupported fused activation ${code}`);
  }
}

const padding = (code: number): 'same' | 'valid' => (code === 0 ? 'same' : 'valid');

/** Parse a .tflite flatbuffer and prepare its constants as tfjs tensors. */
export interface TfliteOptions {
  /**
   * Execute every operator as written: no RELU folded into the convolution before it, transposed
   * convolutions as such. The same numbers more slowly; tests compare the two.
   */
  literal?: boolean;
}

export function loadTflite(file: Uint8Array, opts: TfliteOptions = {}): TfliteModel {
  const { tensors, ops, inputId, outputId } = parse(file);

  // Constants, with weights already in tfjs layouts.
  const constants = new Map<number, tf.Tensor>();
  const constant = (id: number): tf.Tensor => {
    const t = tensors[id]!;
    let c = constants.get(id);
    if (!c) {
      if (!t.data) throw new Error(`tflite: tensor ${t.name} is not a constant`);
      const values = constantData(t);
      // Kept: the first prediction creates constants inside its tidy scope.
      c = tf.keep(
        values instanceof Int32Array
          ? tf.tensor(values, t.shape, 'int32')
          : tf.tensor(values, t.shape, 'float32'),
      );
      constants.set(id, c);
    }
    return c;
  };
  const filters = new Map<number, tf.Tensor>();
  const filter = (id: number, layout: (w: tf.Tensor) => tf.Tensor): tf.Tensor => {
    let f = filters.get(id);
    if (!f) {
      const w = constant(id);
      f = tf.keep(tf.tidy(() => layout(w)));
      filters.set(id, f);
    }
    return f;
  };
  for (const o of ops) {
    const known = (Object.values(Op) as number[]).includes(o.op);
    if (!known || (o.op === Op.CUSTOM && o.custom !== 'Convolution2DTransposeBias')) {
      throw new Error(`tflite: unsupported operator ${o.op === Op.CUSTOM ? o.custom : o.op}`);
    }
  }
  // DEQUANTIZE of a constant is only a float16 weight: take it as the constant it yields.
  const alias = new Map<number, number>();
  for (const o of ops)
    if (o.op === Op.DEQUANTIZE && tensors[o.inputs[0]!]!.data) alias.set(o.outputs[0]!, o.inputs[0]!);
  const src = (id: number): number => alias.get(id) ?? id;
  const reluInto = opts.literal ? { convs: new Set(), folded: new Set() } : fusableRelus(ops, outputId);

  const predict = (input: tf.Tensor): tf.Tensor =>
    tf.tidy(() => {
      const values = new Map<number, tf.Tensor>([[inputId, input]]);
      const get = (id: number): tf.Tensor => values.get(id) ?? constant(src(id));
      for (const o of ops) {
        if (o.op === Op.DEQUANTIZE && alias.has(o.outputs[0]!)) continue;
        // A RELU folded into the convolution before it passes that convolution's result on.
        if (o.op === Op.RELU && reluInto.folded.has(o)) values.set(o.outputs[0]!, get(o.inputs[0]!));
        else values.set(o.outputs[0]!, execute(o, get, filter, src, reluInto.convs.has(o), !opts.literal));
      }
      return get(outputId);
    });

  return {
    inputShape: tensors[inputId]!.shape,
    outputShape: tensors[outputId]!.shape,
    predict,
  };
}

/**
 * RELUs that can run as the fused activation of the convolution producing their input: the convolution
 * has no activation of its own and the RELU is the only reader of its output (the same numbers, one pass
 * over the tensor fewer).
 */
function fusableRelus(
  ops: OperatorInfo[],
  outputId: number,
): { convs: Set<OperatorInfo>; folded: Set<OperatorInfo> } {
  const readers = new Map<number, number>([[outputId, 1]]);
  for (const o of ops) for (const i of o.inputs) readers.set(i, (readers.get(i) ?? 0) + 1);
  const producer = new Map<number, OperatorInfo>();
  for (const o of ops) producer.set(o.outputs[0]!, o);
  const convs = new Set<OperatorInfo>();
  const folded = new Set<OperatorInfo>();
  for (const o of ops) {
    if (o.op !== Op.RELU) continue;
    const p = producer.get(o.inputs[0]!);
    if (!p || readers.get(o.inputs[0]!) !== 1) continue;
    const actField = p.op === Op.CONV_2D ? 3 : p.op === Op.DEPTHWISE_CONV_2D ? 4 : -1;
    if (actField < 0 || p.options!.byte(actField) !== 0) continue;
    convs.add(p);
    folded.add(o);
  }
  return { convs, folded };
}

type Getter = (id: number) => tf.Tensor;
type FilterCache = (id: number, layout: (w: tf.Tensor) => tf.Tensor) => tf.Tensor;

/**
 * Arguments of a fused convolution from Conv2DOptions (padding, stride_w, stride_h, activation,
 * dilation_w, dilation_h) or DepthwiseConv2DOptions, which has depth_multiplier at field 3 (`shift` 1).
 */
function convArgs(
  o: OperatorInfo,
  x: tf.Tensor,
  w: tf.Tensor,
  bias: tf.Tensor | null,
  shift: 0 | 1,
  relu: boolean,
) {
  const opt = o.options!;
  return {
    x: x as tf.Tensor4D,
    filter: w as tf.Tensor4D,
    strides: [opt.int(2, 1), opt.int(1, 1)] as [number, number],
    pad: padding(opt.byte(0)),
    dilations: [opt.int(5 + shift, 1), opt.int(4 + shift, 1)] as [number, number],
    bias: bias ?? undefined,
    activation: relu ? ('relu' as const) : activationName(opt.byte(3 + shift)),
  };
}

function execute(
  o: OperatorInfo,
  get: Getter,
  filter: FilterCache,
  src: (id: number) => number,
  relu: boolean,
  byBlocks: boolean,
): tf.Tensor {
  const opt = o.options;
  const x = get(o.inputs[0]!);
  // An optional input (a bias) is absent when missing or -1.
  const present = (i: number): boolean => o.inputs[i] !== undefined && o.inputs[i]! >= 0;
  const bias = (i: number): tf.Tensor | null => (present(i) ? get(o.inputs[i]!) : null);
  switch (o.op) {
    case Op.CONV_2D:
      // TFLite OHWI → tfjs HWIO
      return tf.fused.conv2d(
        convArgs(
          o,
          x,
          filter(src(o.inputs[1]!), (t) => tf.transpose(t, [1, 2, 3, 0])),
          bias(2),
          0,
          relu,
        ),
      );
    case Op.DEPTHWISE_CONV_2D: {
      // TFLite [1, H, W, C·M] → tfjs [H, W, C, M]
      const inC = x.shape[3]!;
      const w = filter(src(o.inputs[1]!), (t) =>
        tf.reshape(t, [t.shape[1]!, t.shape[2]!, inC, t.shape[3]! / inC]),
      );
      return tf.fused.depthwiseConv2d(convArgs(o, x, w, bias(2), 1, relu));
    }
    case Op.CUSTOM: {
      // MediaPipe's Convolution2DTransposeBias: weights OHWI, options {padding, stride_w, stride_h} as int32
      const co = new DataView(o.customOptions.buffer, o.customOptions.byteOffset, o.customOptions.byteLength);
      const pad = co.getInt32(0, true) === 2 ? 'valid' : 'same';
      const sw = co.getInt32(4, true);
      const sh = co.getInt32(8, true);
      const [oc, kh, kw] = get(o.inputs[1]!).shape;
      const [n, h, wd] = x.shape as number[];
      if (byBlocks && kh === sh && kw === sw) {
        // Kernel = stride: the output blocks do not overlap, so this is a 1×1 convolution to kh·kw·O
        // channels rearranged into kh×kw blocks (the same sums, without the backend's slow transposed
        // convolution): channel (a·kw + b)·O + o of the 1×1 result is output pixel (a, b) of channel o.
        const w1 = filter(src(o.inputs[1]!), (t) =>
          tf.reshape(tf.transpose(t, [3, 1, 2, 0]), [1, 1, t.shape[3]!, kh! * kw! * oc!]),
        );
        const b1 = present(2) ? filter(src(o.inputs[2]!), (t) => tf.tile(t, [kh! * kw!])) : undefined;
        const z = tf.fused.conv2d({
          x: x as tf.Tensor4D,
          filter: w1 as tf.Tensor4D,
          strides: 1,
          pad: 'valid',
          bias: b1,
        });
        // [n, h, w, a, b, O] → [n, h, a, w, b, O] → [n, h·kh, w·kw, O]
        const blocks = tf.transpose(tf.reshape(z, [n!, h!, wd!, kh!, kw!, oc!]), [0, 1, 3, 2, 4, 5]);
        return tf.reshape(blocks, [n!, h! * kh!, wd! * kw!, oc!]);
      }
      const w = filter(src(o.inputs[1]!), (t) => tf.transpose(t, [1, 2, 0, 3]));
      const outC = w.shape[2]!;
      const outShape: [number, number, number, number] =
        pad === 'same'
          ? [n!, h! * sh, wd! * sw, outC]
          : [n!, (h! - 1) * sh + w.shape[0]!, (wd! - 1) * sw + w.shape[1]!, outC];
      const y = tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, outShape, [sh, sw], pad);
      const b = bias(2);
      return b ? tf.add(y, b) : y;
    }
    case Op.AVERAGE_POOL_2D:
    case Op.MAX_POOL_2D: {
      const size: [number, number] = [opt!.int(4, 1), opt!.int(3, 1)];
      const strides: [number, number] = [opt!.int(2, 1), opt!.int(1, 1)];
      const pool = o.op === Op.MAX_POOL_2D ? tf.maxPool : tf.avgPool;
      return activation(pool(x as tf.Tensor4D, size, strides, padding(opt!.byte(0))), opt!.byte(5));
    }
    case Op.ADD:
      return activation(tf.add(x, get(o.inputs[1]!)), opt?.byte(0) ?? 0);
    case Op.MUL:
      return activation(tf.mul(x, get(o.inputs[1]!)), opt?.byte(0) ?? 0);
    case Op.CONCATENATION: {
      const axis = opt!.int(0);
      return activation(tf.concat(o.inputs.map(get), axis < 0 ? axis + x.rank : axis), opt!.byte(1));
    }
    case Op.LOGISTIC:
      return tf.sigmoid(x);
    case Op.RELU:
      return tf.relu(x);
    case Op.RELU6:
      return tf.relu6(x);
    case Op.HARD_SWISH:
      return tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6));
    case Op.RESHAPE: {
      const shape = o.inputs[1] !== undefined ? Array.from(get(o.inputs[1]).dataSync()) : opt!.ints(0);
      return tf.reshape(x, shape);
    }
    case Op.RESIZE_BILINEAR: {
      const [h, w] = Array.from(get(o.inputs[1]!).dataSync());
      return tf.image.resizeBilinear(x as tf.Tensor4D, [h!, w!], opt?.byte(2) === 1, opt?.byte(3) === 1);
    }
    case Op.PAD: {
      const p = Array.from(get(o.inputs[1]!).dataSync());
      const pairs = Array.from(
        { length: p.length / 2 },
        (_, i) => [p[2 * i]!, p[2 * i + 1]!] as [number, number],
      );
      return tf.pad(x, pairs);
    }
    case Op.MEAN: {
      const axes = Array.from(get(o.inputs[1]!).dataSync());
      return tf.mean(x, axes, opt?.byte(0) === 1);
    }
    case Op.DEQUANTIZE:
      return tf.cast(x, 'float32');
    default:
      throw new Error(`tflite: unsupported operator ${o.op}`);
  }
}
