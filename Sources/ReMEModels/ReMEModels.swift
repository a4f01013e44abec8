import ReMETensor
import ReMEImage
