import ReMETensor

/// A vision transformer that turns `pixel_values` into tokens: CLIP's vision tower, DINOv2, and
/// whatever `ImageTowerRegistry` learns to load next (SAM's image encoder). Code that runs
/// image towers holds `any ImageTower` and never asks which one it is.
public protocol ImageTower: Sendable {
    /// The tower on `pixels` `[B, C, H, W]` at the size its checkpoint expects (CLIP refuses
    /// other sizes, as transformers does; DINOv2 resamples its position embeddings to any grid).
    func callAsFunction(_ pixels: Tensor) throws(ModelError) -> ImageTowerOutput

    /// The tower on `pixels` of any size whose sides are multiples of `patchSize`, position
    /// embeddings resampled to the input's patch grid: the dense features of the method.
    func dense(_ pixels: Tensor) throws(ModelError) -> ImageTowerOutput

    /// Side of the square the checkpoint was trained at (`image_size`).
    var imageSize: Int { get }
    var patchSize: Int { get }
    /// Width of the tokens in `last_hidden_state`.
    var hiddenSize: Int { get }
    /// Width of the image-level feature: CLIP's projected embedding, DINOv2's hidden size.
    var featureDimension: Int { get }
    /// Tokens before the patch tokens in `last_hidden_state` (class token, registers).
    var prefixTokenCount: Int { get }
}
