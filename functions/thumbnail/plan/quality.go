package plan

import "github.com/ossflow/ossflow/functions/thumbnail/style"

// quality resolves a style's quality for format f, following OSS
// (https://help.aliyun.com/en/oss/user-guide/adjust-image-quality):
//   - Q_N (absolute) encodes at N, unless the source's quality is known and
//     lower, in which case the source's quality is kept;
//   - q_N (relative) encodes at source quality × N%; when the source quality
//     is unknown (not a JPEG, or not estimated) it behaves like Q_N, which is
//     what OSS documents for WebP;
//   - PNG has no quality: 0.
func quality(q style.Quality, f style.Format, srcQuality int, opt Options) int {
	def := opt.JPEGQuality
	switch f {
	case style.FormatPNG:
		return 0
	case style.FormatWebP:
		def = opt.WebPQuality
	case style.FormatAVIF:
		def = opt.AVIFQuality
	}
	switch {
	case q.Value == 0:
		return def
	case q.Relative && srcQuality > 0:
		return max(1, (srcQuality*q.Value+50)/100)
	case !q.Relative && srcQuality > 0 && srcQuality < q.Value:
		return srcQuality
	default:
		return q.Value
	}
}
