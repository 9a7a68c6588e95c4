package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// name is a first or family name in Arabic script with its usual Latin spelling.
type name struct{ ar, en string }

var maleNames = []name{
	{"أحمد", "Ahmed"}, {"محمد", "Mohammed"}, {"عبدالله", "Abdullah"}, {"خالد", "Khalid"}, {"فهد", "Fahad"},
	{"سعود", "Saud"}, {"عبدالعزيز", "Abdulaziz"}, {"فيصل", "Faisal"}, {"تركي", "Turki"}, {"ناصر", "Nasser"},
	{"سلطان", "Sultan"}, {"ماجد", "Majed"}, {"يوسف", "Yousef"}, {"عمر", "Omar"}, {"بندر", "Bandar"},
	{"نواف", "Nawaf"}, {"ريان", "Rayan"}, {"مشاري", "Mishari"}, {"راكان", "Rakan"}, {"حمد", "Hamad"},
	{"إبراهيم", "Ibrahim"}, {"سلمان", "Salman"}, {"ياسر", "Yasser"}, {"طلال", "Talal"}, {"مازن", "Mazen"},
	{"هشام", "Hisham"}, {"وليد", "Waleed"}, {"زياد", "Ziyad"}, {"عبدالرحمن", "Abdulrahman"}, {"بدر", "Badr"},
}

var femaleNames = []name{
	{"نورة", "Noura"}, {"سارة", "Sara"}, {"ريم", "Reem"}, {"لمى", "Lama"}, {"هيفاء", "Haifa"},
	{"منى", "Mona"}, {"أمل", "Amal"}, {"جواهر", "Jawaher"}, {"دانة", "Dana"}, {"شهد", "Shahad"},
	{"رهف", "Rahaf"}, {"لينا", "Lina"}, {"العنود", "Alanoud"}, {"غادة", "Ghada"}, {"هند", "Hind"},
	{"مها", "Maha"}, {"أروى", "Arwa"}, {"بشاير", "Bashayer"}, {"نوف", "Nouf"}, {"وعد", "Waad"},
	{"ديما", "Dima"}, {"رزان", "Razan"}, {"أسماء", "Asma"}, {"فاطمة", "Fatimah"}, {"مريم", "Maryam"},
	{"عبير", "Abeer"}, {"حصة", "Hessa"}, {"ليان", "Layan"}, {"جود", "Joud"}, {"رنا", "Rana"},
}

var familyNames = []name{
	{"الدوسري", "Al-Dosari"}, {"القحطاني", "Al-Qahtani"}, {"العتيبي", "Al-Otaibi"}, {"الشهري", "Al-Shehri"},
	{"الغامدي", "Al-Ghamdi"}, {"الزهراني", "Al-Zahrani"}, {"المطيري", "Al-Mutairi"}, {"الحربي", "Al-Harbi"},
	{"العنزي", "Al-Anazi"}, {"الشمري", "Al-Shammari"}, {"السبيعي", "Al-Subaie"}, {"الرشيدي", "Al-Rashidi"},
	{"الخالدي", "Al-Khaldi"}, {"المالكي", "Al-Malki"}, {"العمري", "Al-Omari"}, {"البقمي", "Al-Baqami"},
	{"الجهني", "Al-Juhani"}, {"السهلي", "Al-Sahli"}, {"اليامي", "Al-Yami"}, {"العسيري", "Al-Asiri"},
	{"الشريف", "Al-Sharif"}, {"التميمي", "Al-Tamimi"}, {"الأحمدي", "Al-Ahmadi"}, {"السلمي", "Al-Sulami"},
	{"الفيفي", "Al-Faifi"}, {"باعشن", "Baeshen"}, {"الصاعدي", "Al-Saadi"}, {"الحازمي", "Al-Hazmi"},
	{"الثبيتي", "Al-Thubaiti"}, {"المري", "Al-Marri"},
}

// personName is a generated person's name: how it is written in the
// records, and the Latin parts for the e-mail address.
type personName struct {
	full        string
	first, last string // Latin, for the e-mail address
}

// newName draws a name: mostly Arabic script (sometimes with the father's
// name), some in Latin letters, a few mixed ("Lina العتيبي").
func newName(r *rand.Rand) personName {
	first := maleNames
	if r.IntN(2) == 0 {
		first = femaleNames
	}
	f := first[r.IntN(len(first))]
	fam := familyNames[r.IntN(len(familyNames))]
	n := personName{first: f.en, last: fam.en}
	switch x := r.IntN(100); {
	case x < 17:
		n.full = f.en + " " + fam.en
	case x < 22:
		n.full = f.en + " " + fam.ar
	case x < 40:
		father := maleNames[r.IntN(len(maleNames))]
		n.full = f.ar + " " + father.ar + " " + fam.ar
	default:
		n.full = f.ar + " " + fam.ar
	}
	return n
}

// emailOf returns first.last@domain, numbered when taken already.
func emailOf(n personName, domain string, taken map[string]bool) string {
	local := strings.ToLower(n.first + "." + strings.TrimPrefix(n.last, "Al-"))
	local = strings.NewReplacer("-", "", " ", "").Replace(local)
	e := local + "@" + domain
	for k := 2; taken[e]; k++ {
		e = fmt.Sprintf("%s%d@%s", local, k, domain)
	}
	taken[e] = true
	return e
}

// phoneOf returns a Saudi mobile number, +9665XXXXXXXX.
func phoneOf(r *rand.Rand) string { return fmt.Sprintf("+9665%08d", r.IntN(100_000_000)) }

// teamNames are the names of the teams, after Saudi cities; past the end of
// the list a number is added ("فريق الرياض 2").
var teamNames = []string{
	"فريق الرياض", "فريق جدة", "فريق الدمام", "فريق مكة", "فريق المدينة", "فريق أبها", "فريق تبوك",
	"فريق حائل", "فريق القصيم", "فريق الطائف", "فريق جازان", "فريق نجران", "فريق الباحة", "فريق الجوف",
	"فريق ينبع", "فريق الخبر", "فريق الأحساء", "فريق العلا", "فريق الجبيل", "فريق عرعر", "فريق سكاكا",
	"فريق بيشة", "فريق القنفذة", "فريق الخرج",
}

func teamName(i int) string {
	if i < len(teamNames) {
		return teamNames[i]
	}
	return fmt.Sprintf("%s %d", teamNames[i%len(teamNames)], i/len(teamNames)+1)
}

// auditors are the Quality department's auditors.
var auditors = []string{"سارة المطيري", "خالد الشهري", "Reem Al-Harbi", "منى الزهراني"}

// Phrases of the weekly reports.
var (
	weeklyTasks = []string{
		"الرد على استفسارات العملاء عبر الهاتف والمحادثة الفورية",
		"متابعة الشكاوى المفتوحة وإغلاق معظمها خلال المدة المحددة",
		"تحديث بيانات العملاء في النظام بعد كل مكالمة",
		"معالجة طلبات الاسترجاع والاستبدال",
		"الرد على رسائل البريد الإلكتروني المتأخرة من الأسبوع الماضي",
		"مساعدة الزملاء الجدد في استخدام نظام إدارة العملاء",
		"التعامل مع ضغط المكالمات في نهاية الشهر",
		"تصعيد الحالات الفنية المعقدة إلى الدعم الفني ومتابعتها",
		"المشاركة في جلسة تدريبية عن المنتجات الجديدة",
		"التواصل مع العملاء لاستطلاع رضاهم بعد حل مشكلاتهم",
		"مراجعة قاعدة المعرفة وتحديث الردود الجاهزة",
		"تغطية وردية إضافية بسبب غياب أحد الزملاء",
	}
	weeklyIssues = []string{
		"بطء في النظام صباح يوم الأحد",
		"تأخر رد قسم الفواتير على بعض الحالات المصعّدة",
		"عملاء غاضبون بسبب تأخر الشحنات",
		"انقطاع قصير في خط الهاتف",
		"استفسارات كثيرة عن العرض الجديد دون معلومات كافية",
		"لا توجد عوائق تذكر هذا الأسبوع",
		"صعوبة في الوصول إلى سجل بعض العملاء القدامى",
		"ازدياد المحادثات خارج أوقات الذروة",
		"تكرار الشكوى نفسها من عدة عملاء",
		"نقص في الردود الجاهزة باللغة الإنجليزية",
	}
	weeklySuggestions = []string{
		"إضافة ردود جاهزة للأسئلة المتكررة عن العرض الجديد",
		"تحسين التنسيق مع قسم الشحن لتقليل الشكاوى",
		"جلسة تدريب قصيرة عن التعامل مع العملاء الغاضبين",
		"توزيع المحادثات بين الموظفين بشكل أكثر توازنًا",
		"تحديث صفحة الأسئلة الشائعة في الموقع",
		"إشعار العملاء مسبقًا بمواعيد الصيانة",
		"متابعة رضا العملاء بعد أسبوع من حل المشكلة",
		"لا توجد اقتراحات هذا الأسبوع",
	}
	reviewComments = [][]string{ // by level: 0 weak, 1 fair, 2 good, 3 excellent
		{"يحتاج إلى تحسين الالتزام بالإجراءات وسرعة الاستجابة، وتم الاتفاق على خطة تطوير.",
			"أداء دون المتوقع هذا الربع؛ نوصي بالتدريب على معرفة المنتجات.",
			"تكررت ملاحظات الجودة؛ يحتاج إلى متابعة أسبوعية."},
		{"أداء مقبول مع فرص واضحة للتحسين في إدارة الوقت.",
			"تحسن ملحوظ في التواصل، ويحتاج إلى مزيد من المبادرة.",
			"يلتزم بالسياسة، لكن حل المشكلات المعقدة يحتاج إلى دعم."},
		{"أداء جيد ومستقر، ويتعامل مع العملاء بصبر ولباقة.",
			"متعاون مع الفريق ويحل أغلب المشكلات من الاتصال الأول.",
			"ملتزم بمعايير الخدمة، ونشجعه على تقديم مزيد من المقترحات."},
		{"أداء متميز؛ قدوة للفريق في جودة الخدمة.",
			"يتعامل مع أصعب الحالات بهدوء واحترافية، ويقترح تحسينات مفيدة.",
			"جاهز لتحمل مسؤوليات أكبر؛ ملاحظات العملاء عنه ممتازة."},
	}
	auditNotes = map[string][]string{
		"GREETING":      {"لم يرحب بالعميل بالشكل المعتاد"},
		"NEEDS":         {"لم يطرح أسئلة كافية لفهم طلب العميل"},
		"LISTENING":     {"قاطع العميل أكثر من مرة"},
		"CLARITY":       {"استخدم مصطلحات فنية لم يفهمها العميل"},
		"RESPONSE_TIME": {"تأخر في الرد أكثر من المعيار المحدد", "Response took longer than the service standard"},
		"PERSONAL":      {"لم يستخدم اسم العميل"},
		"ACCURACY":      {"قدم معلومة غير صحيحة عن المنتج (خطأ حرج)"},
		"RESOLUTION":    {"لم يصعّد الحالة حسب الإجراء"},
		"PRIVACY":       {"أفصح عن بيانات العميل دون التحقق من هويته (خطأ حرج)"},
		"CLOSING":       {"لم يتأكد من رضا العميل قبل إنهاء المحادثة"},
	}
)

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }
