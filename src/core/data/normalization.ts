// The input statistics of the method, in one place: CheXpert's gray mean/std (SPEC §4, published by
// the authors) that every image is normalized with, and ImageNet's channel statistics that E was
// pretrained on (T's output goes straight into E; the preview and model card quote them). Pure.

/** gray = (v/255 − GRAY_MEAN) / GRAY_STD. */
export const GRAY_MEAN = 0.5028;
export const GRAY_STD = 0.2902;

export const IMAGENET_MEAN: readonly number[] = [0.485, 0.456, 0.406];
export const IMAGENET_STD: readonly number[] = [0.229, 0.224, 0.225];
