@_exported import ReMETensor
@_exported import ReMEImage
@_exported import ReMEModels
@_exported import ReMEText

/// The program version, recorded in reference-set provenance.
public let remeVersion = "0.1.0"
