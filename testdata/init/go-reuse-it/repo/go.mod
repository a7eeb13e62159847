module github.com/comune-di-esempio/anagrafe-api/v2

go 1.22
