package demo

// provinces are the 63 provinces and cities (before the 2025 merger,
// the time the 2016–2025 criteria sets cover) with the NTM region of the
// criteria sets and a few of their districts. District names repeat
// across provinces ("Châu Thành"), so the generator qualifies a repeated
// one with its province.
var provinces = []struct {
	name, region string
	districts    []string
}{
	{"Hà Giang", "TDMNPB", []string{"Bắc Quang", "Vị Xuyên", "Hoàng Su Phì"}},
	{"Cao Bằng", "TDMNPB", []string{"Hòa An", "Trùng Khánh", "Quảng Hòa"}},
	{"Bắc Kạn", "TDMNPB", []string{"Chợ Đồn", "Ba Bể", "Na Rì"}},
	{"Tuyên Quang", "TDMNPB", []string{"Sơn Dương", "Yên Sơn", "Hàm Yên"}},
	{"Lào Cai", "TDMNPB", []string{"Bảo Thắng", "Bảo Yên", "Văn Bàn"}},
	{"Điện Biên", "TDMNPB", []string{"Điện Biên Đông", "Mường Ảng", "Tuần Giáo"}},
	{"Lai Châu", "TDMNPB", []string{"Tam Đường", "Than Uyên", "Tân Uyên"}},
	{"Sơn La", "TDMNPB", []string{"Mai Sơn", "Mộc Châu", "Yên Châu"}},
	{"Yên Bái", "TDMNPB", []string{"Trấn Yên", "Văn Chấn", "Lục Yên"}},
	{"Hòa Bình", "TDMNPB", []string{"Lương Sơn", "Kim Bôi", "Lạc Thủy"}},
	{"Thái Nguyên", "TDMNPB", []string{"Đồng Hỷ", "Phú Lương", "Đại Từ"}},
	{"Lạng Sơn", "TDMNPB", []string{"Cao Lộc", "Hữu Lũng", "Chi Lăng"}},
	{"Bắc Giang", "TDMNPB", []string{"Lạng Giang", "Tân Yên", "Yên Dũng"}},
	{"Phú Thọ", "TDMNPB", []string{"Lâm Thao", "Phù Ninh", "Thanh Ba"}},
	{"Hà Nội", "DBSH", []string{"Đan Phượng", "Hoài Đức", "Thạch Thất"}},
	{"Vĩnh Phúc", "DBSH", []string{"Tam Dương", "Vĩnh Tường", "Yên Lạc"}},
	{"Bắc Ninh", "DBSH", []string{"Gia Bình", "Lương Tài", "Quế Võ"}},
	{"Quảng Ninh", "DBSH", []string{"Đầm Hà", "Hải Hà", "Tiên Yên"}},
	{"Hải Dương", "DBSH", []string{"Cẩm Giàng", "Gia Lộc", "Nam Sách"}},
	{"Hải Phòng", "DBSH", []string{"An Lão", "Kiến Thụy", "Tiên Lãng"}},
	{"Hưng Yên", "DBSH", []string{"Ân Thi", "Khoái Châu", "Kim Động"}},
	{"Thái Bình", "DBSH", []string{"Đông Hưng", "Hưng Hà", "Kiến Xương"}},
	{"Hà Nam", "DBSH", []string{"Bình Lục", "Lý Nhân", "Thanh Liêm"}},
	{"Nam Định", "DBSH", []string{"Giao Thủy", "Hải Hậu", "Nghĩa Hưng"}},
	{"Ninh Bình", "DBSH", []string{"Gia Viễn", "Hoa Lư", "Yên Khánh"}},
	{"Thanh Hóa", "BTB", []string{"Thạch Thành", "Hoằng Hóa", "Thọ Xuân"}},
	{"Nghệ An", "BTB", []string{"Diễn Châu", "Yên Thành", "Nghi Lộc"}},
	{"Hà Tĩnh", "BTB", []string{"Cẩm Xuyên", "Can Lộc", "Hương Khê"}},
	{"Quảng Bình", "BTB", []string{"Lệ Thủy", "Quảng Ninh", "Bố Trạch"}},
	{"Quảng Trị", "BTB", []string{"Gio Linh", "Hướng Hóa", "Cam Lộ", "Hải Lăng"}},
	{"Thừa Thiên Huế", "BTB", []string{"Phong Điền", "Quảng Điền", "Phú Vang"}},
	{"Đà Nẵng", "DHNTB", []string{"Hòa Vang"}},
	{"Quảng Nam", "DHNTB", []string{"Điện Bàn", "Duy Xuyên", "Thăng Bình"}},
	{"Quảng Ngãi", "DHNTB", []string{"Bình Sơn", "Sơn Tịnh", "Tư Nghĩa"}},
	{"Bình Định", "DHNTB", []string{"Phù Cát", "Tuy Phước", "Hoài Nhơn"}},
	{"Phú Yên", "DHNTB", []string{"Tuy An", "Đông Hòa", "Sơn Hòa"}},
	{"Khánh Hòa", "DHNTB", []string{"Cam Lâm", "Diên Khánh", "Vạn Ninh"}},
	{"Ninh Thuận", "DHNTB", []string{"Ninh Hải", "Ninh Phước", "Thuận Bắc"}},
	{"Bình Thuận", "DHNTB", []string{"Hàm Thuận Bắc", "Bắc Bình", "Tuy Phong"}},
	{"Kon Tum", "TN", []string{"Đắk Hà", "Đắk Tô", "Sa Thầy"}},
	{"Gia Lai", "TN", []string{"Chư Păh", "Ia Grai", "Đức Cơ"}},
	{"Đắk Lắk", "TN", []string{"Cư M'gar", "Krông Pắc", "Ea Kar"}},
	{"Đắk Nông", "TN", []string{"Cư Jút", "Đắk Mil", "Krông Nô"}},
	{"Lâm Đồng", "TN", []string{"Đức Trọng", "Lâm Hà", "Di Linh"}},
	{"Bình Phước", "DNB", []string{"Đồng Phú", "Hớn Quản", "Lộc Ninh"}},
	{"Tây Ninh", "DNB", []string{"Dương Minh Châu", "Gò Dầu", "Tân Biên"}},
	{"Bình Dương", "DNB", []string{"Bàu Bàng", "Dầu Tiếng", "Phú Giáo"}},
	{"Đồng Nai", "DNB", []string{"Trảng Bom", "Xuân Lộc", "Định Quán"}},
	{"Bà Rịa - Vũng Tàu", "DNB", []string{"Châu Đức", "Đất Đỏ", "Xuyên Mộc"}},
	{"Thành phố Hồ Chí Minh", "DNB", []string{"Củ Chi", "Hóc Môn", "Bình Chánh"}},
	{"Long An", "DBSCL", []string{"Bến Lức", "Cần Giuộc", "Đức Hòa"}},
	{"Tiền Giang", "DBSCL", []string{"Châu Thành", "Cái Bè", "Chợ Gạo"}},
	{"Bến Tre", "DBSCL", []string{"Châu Thành", "Giồng Trôm", "Mỏ Cày Nam"}},
	{"Trà Vinh", "DBSCL", []string{"Càng Long", "Cầu Kè", "Tiểu Cần"}},
	{"Vĩnh Long", "DBSCL", []string{"Long Hồ", "Mang Thít", "Vũng Liêm"}},
	{"Đồng Tháp", "DBSCL", []string{"Cao Lãnh", "Lấp Vò", "Tháp Mười"}},
	{"An Giang", "DBSCL", []string{"Chợ Mới", "Phú Tân", "Thoại Sơn"}},
	{"Kiên Giang", "DBSCL", []string{"Giồng Riềng", "Gò Quao", "Tân Hiệp"}},
	{"Cần Thơ", "DBSCL", []string{"Cờ Đỏ", "Phong Điền", "Thới Lai"}},
	{"Hậu Giang", "DBSCL", []string{"Châu Thành A", "Phụng Hiệp", "Vị Thủy"}},
	{"Sóc Trăng", "DBSCL", []string{"Kế Sách", "Mỹ Tú", "Thạnh Trị"}},
	{"Bạc Liêu", "DBSCL", []string{"Hòa Bình", "Phước Long", "Vĩnh Lợi"}},
	{"Cà Mau", "DBSCL", []string{"Cái Nước", "Thới Bình", "Trần Văn Thời"}},
}

// communeNames is a small pool, so that names repeat across districts as
// they do in the country, with pairs that differ only by their marks
// ("Ân Tú"/"An Tú", "Cẩm Lộc"/"Cam Lộc", "Thuận"/"Thuần").
var communeNames = []string{
	"Tân Lập", "Hòa Bình", "Quảng Phú", "Tân Thành", "Tân Hiệp", "Phú Mỹ", "Vĩnh Thủy", "Hải Lệ",
	"Cam Thủy", "Triệu Ái", "Ân Tú", "An Tú", "Cẩm Lộc", "Cam Lộc", "Thuận", "Thuần",
	"Hưng Đạo", "Quang Trung", "Nghĩa Hưng", "Đông Hưng", "Yên Bình", "Xuân Lộc", "Phước Hòa", "Bình Minh",
	"Thạnh Phú", "Mỹ Hòa", "Long Hòa", "Tân Phú", "Hòa Thuận", "Tam Hiệp", "Đại Đồng", "Kim Sơn",
	"Hùng Sơn", "Gio Mai", "Gio Mỹ", "Cam Chính", "Hương Liên", "Phú Gia", "Sơn Thủy", "Trung Hòa",
}

// namePrefixes and nameSuffixes combine into the common two-word commune
// names of the whole country ("Tân Lập", "Phú Hòa", "Vĩnh Thuận").
var (
	namePrefixes = []string{"Tân", "Phú", "Hòa", "Bình", "An", "Vĩnh", "Long", "Mỹ", "Thạnh", "Xuân",
		"Đông", "Tây", "Nam", "Bắc", "Quảng", "Hưng", "Yên", "Thái", "Phước", "Tam"}
	nameSuffixes = []string{"Lập", "Thành", "Hiệp", "Phú", "Mỹ", "Hòa", "Lộc", "Thủy", "Sơn", "Bình",
		"An", "Hưng", "Thuận", "Lợi", "Tiến", "Đông"}
)

// namePool is every name the generator draws from: the listed ones, then
// the combinations, without repeats.
func namePool() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, n := range communeNames {
		add(n)
	}
	for _, p := range namePrefixes {
		for _, s := range nameSuffixes {
			if p != s {
				add(p + " " + s)
			}
		}
	}
	return out
}
