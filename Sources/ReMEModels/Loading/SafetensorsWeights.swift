import ReMETensor

extension SafetensorsFile: WeightSource {}
extension SafetensorsCollection: WeightSource {}
